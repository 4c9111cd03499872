"""The practice/quiz item picker: order, remove, add from the bank; who may use it."""

import pytest
from django.urls import reverse

from impulsa.assessment.models import ActivityItem
from tests.learning_builders import build_course, make_item


@pytest.fixture
def built(world):
    return build_course(world.designer, institution=world.national, name="Álgebra", publish=False)


def _url(activity):
    return reverse("itembank:activity_items", kwargs={"activity_id": activity.pk})


def _order(activity):
    return list(
        ActivityItem.objects.filter(activity=activity)
        .order_by("position")
        .values_list("item__versions__name", flat=True)
    )


def test_picker_lists_the_quiz_items_in_order_and_the_rest_of_the_bank(world, login, built):
    html = login(world.designer).get(_url(built.quiz)).content.decode()

    placed, bank = html.split("Agregar desde el banco del curso")
    assert placed.index("Reactivo single_choice") < placed.index("Reactivo true_false")
    assert "Reactivo matching" in bank and "Reactivo single_choice" not in bank


def test_moving_an_item_down_and_up_changes_the_order(world, login, built):
    client = login(world.designer)
    first = built.items["single_choice"]

    client.post(_url(built.quiz), {"action": "down", "item": first.pk})
    after_down = _order(built.quiz)
    client.post(_url(built.quiz), {"action": "up", "item": first.pk})

    assert after_down == ["Reactivo true_false", "Reactivo single_choice", "Reactivo numeric"]
    assert _order(built.quiz) == [
        "Reactivo single_choice",
        "Reactivo true_false",
        "Reactivo numeric",
    ]


def test_removing_an_item_keeps_it_in_the_bank(world, login, built):
    item = built.items["numeric"]

    login(world.designer).post(_url(built.quiz), {"action": "remove", "item": item.pk})

    assert _order(built.quiz) == ["Reactivo single_choice", "Reactivo true_false"]
    assert ActivityItem.objects.filter(item=item, activity=built.practice).exists()


def test_adding_checked_items_appends_them(world, login, built):
    chosen = [built.items["matching"], built.items["cloze"]]

    response = login(world.designer).post(
        _url(built.quiz), {"action": "add", "items": [i.pk for i in chosen]}
    )

    assert response.status_code == 302
    assert _order(built.quiz)[-2:] == ["Reactivo matching", "Reactivo cloze"]


def test_items_of_another_course_cannot_be_added(world, login, built):
    other = build_course(world.designer, institution=world.national, name="Otro", publish=False)
    foreign = other.items["matching"]

    login(world.designer).post(_url(built.quiz), {"action": "add", "items": [foreign.pk]})

    assert "Reactivo matching" not in _order(built.quiz)


def test_picker_filters_the_bank_by_type(world, login, built):
    make_item(world.designer, built.course, "ordering", name="Ordena potencias")

    html = login(world.designer).get(_url(built.quiz), {"tipo": "ordering"}).content.decode()

    bank = html.split("Agregar desde el banco del curso")[1]
    assert "Ordena potencias" in bank and "Reactivo matching" not in bank


def test_picker_query_count_does_not_grow_with_bank_size(
    world, login, built, django_assert_max_num_queries
):
    client = login(world.designer)
    client.get(_url(built.quiz))
    with django_assert_max_num_queries(20) as few:
        client.get(_url(built.quiz))
    for n in range(10):
        make_item(world.designer, built.course, "true_false", name=f"Extra {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_url(built.quiz))


def test_content_activities_have_no_picker(world, login, built):
    assert login(world.designer).get(_url(built.content)).status_code == 404


def test_designer_of_another_state_gets_404_and_changes_nothing(world, login, built):
    client = login(world.designer_b)
    before = _order(built.quiz)

    page = client.get(_url(built.quiz))
    post = client.post(_url(built.quiz), {"action": "remove", "item": built.items["numeric"].pk})

    assert (page.status_code, post.status_code) == (404, 404)
    assert _order(built.quiz) == before
