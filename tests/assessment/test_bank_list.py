"""The course bank list: what it shows, its filters, who may see it, its query count."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from impulsa.assessment.bank import services
from impulsa.assessment.models import Item
from tests.learning_builders import SAMPLE_ITEMS, build_course, make_item


@pytest.fixture
def built(world):
    return build_course(world.designer, institution=world.national, name="Álgebra")


def _url(course):
    return reverse("itembank:item_list", kwargs={"course_id": course.pk})


def test_bank_lists_items_with_type_skills_version_and_use(world, login, built):
    response = login(world.designer).get(_url(built.course))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Reactivo single_choice" in html
    assert "Opción única" in html and "Completar (cloze)" in html
    assert "Fracciones" in html  # the items' skill
    # single choice is in the practice and the quiz
    row = html.split("Reactivo single_choice")[1].split("</tr>")[0]
    assert "2 actividades" in row


def test_bank_filters_by_type_skill_and_text(world, login, built):
    client = login(world.designer)
    base = built.skills[0]
    make_item(world.designer, built.course, "numeric", skills=[base], name="Área del círculo")

    by_type = client.get(_url(built.course), {"tipo": "numeric"}).content.decode()
    by_skill = client.get(_url(built.course), {"habilidad": base.pk}).content.decode()
    by_text = client.get(_url(built.course), {"q": "círculo"}).content.decode()

    assert "Reactivo numeric" in by_type and "Reactivo true_false" not in by_type
    assert "Área del círculo" in by_skill and "Reactivo numeric" not in by_skill
    assert "Área del círculo" in by_text and "Reactivo matching" not in by_text


def test_bank_list_query_count_does_not_grow_with_items(
    world, login, built, django_assert_max_num_queries
):
    client = login(world.designer)
    client.get(_url(built.course))  # warm the session and access caches
    with django_assert_max_num_queries(16) as few:
        client.get(_url(built.course))
    for n in range(15):
        make_item(world.designer, built.course, "true_false", name=f"Extra {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(_url(built.course))
    assert "Extra 14" in response.content.decode()


def test_bank_is_paginated(world, login, built):
    for n in range(25):
        make_item(world.designer, built.course, "true_false", name=f"Extra {n}")

    response = login(world.designer).get(_url(built.course), {"page": 2})

    assert Item.objects.filter(course=built.course).count() == 33
    assert "Página 2 de 2" in response.content.decode()


def test_designer_of_another_state_gets_404_and_no_data(world, login, built):
    client = login(world.designer_b)

    response = client.get(_url(built.course))
    item = built.items["single_choice"]
    edit = client.get(reverse("itembank:item_edit", kwargs={"item_id": item.pk}))
    export = client.get(
        reverse("itembank:export", kwargs={"course_id": built.course.pk, "fmt": "gift"})
    )

    assert (response.status_code, edit.status_code, export.status_code) == (404, 404, 404)
    assert b"Reactivo single_choice" not in response.content + edit.content + export.content


def test_campus_admin_who_does_not_author_gets_404_for_a_national_bank(world, login, built):
    client = login(world.alice)

    assert client.get(_url(built.course)).status_code == 404
    assert "Álgebra" not in client.get(reverse("itembank:course_list")).content.decode()


def test_student_cannot_open_the_bank(world, login, built):
    client = login(world.student_a1)

    assert client.get(reverse("itembank:course_list")).status_code == 403
    assert client.get(_url(built.course)).status_code == 404


def test_course_list_shows_only_courses_the_designer_authors(world, login, built):
    own = build_course(world.designer_b, institution=world.state_b, name="Curso de Toluca")

    html = login(world.designer_b).get(reverse("itembank:course_list")).content.decode()

    assert own.course.name in html
    assert "Álgebra" not in html


def test_state_designer_edits_own_course_bank(world, login):
    own = build_course(world.designer_b, institution=world.state_b, name="Curso de Toluca")
    item = own.items["true_false"]

    response = login(world.designer_b).get(_url(own.course))

    assert response.status_code == 200
    assert services.is_frozen(item.current)  # published, so editing will add a version


def _course_list(client):
    return client.get(reverse("itembank:course_list")).content.decode()


def test_course_list_puts_courses_with_items_first_with_their_counts(world, login, built):
    from impulsa.learning.authoring import services as authoring

    for name in ("Aaa vacío", "Biología"):
        authoring.create_course(actor=world.designer, institution=world.national, name=name)

    html = _course_list(login(world.designer))

    names = re.findall(r'<a href="/banco/curso/\d+/">([^<]+)</a>', html)
    # "Álgebra" has items: before "Aaa vacío", which sorts first by name.
    assert names == ["Álgebra", "Aaa vacío", "Biología"]
    row = html.split("Álgebra</a>")[1].split("</li>")[0]
    assert f"{Item.objects.filter(course=built.course).count()} reactivos" in row
    assert "0 reactivos" in html.split("Aaa vacío</a>")[1].split("</li>")[0]


def test_course_list_query_count_does_not_grow_with_courses(
    world, login, built, django_assert_max_num_queries, django_assert_num_queries
):
    """At most five queries, and as many with more courses (the counts are one subquery)."""
    from impulsa.learning.authoring import services as authoring

    client = login(world.designer)
    _course_list(client)  # warm the session and access caches
    with django_assert_max_num_queries(5) as few:
        _course_list(client)
    for n in range(6):
        course = authoring.create_course(
            actor=world.designer, institution=world.national, name=f"Curso {n}"
        )
        make_item(world.designer, course, "true_false")
    with django_assert_num_queries(len(few.captured_queries)):
        html = _course_list(client)
    assert "Curso 5" in html and "1 reactivo<" in html


def test_bank_shows_difficulty_in_words_and_numbers(world, login, built):
    levels = {
        "Muy fácil": "-2",
        "Fácil": "-0.8",
        "Media": "0.3",
        "Difícil": "1",
        "Muy difícil": "3",
    }
    sample = SAMPLE_ITEMS["true_false"]
    for word, value in levels.items():
        services.create_item(
            actor=world.designer, course=built.course, type="true_false", name=f"Nivel {word}",
            stem=sample["stem"], body=sample["body"], difficulty=value,
        )  # fmt: skip

    html = login(world.designer).get(_url(built.course)).content.decode()

    for word, value in levels.items():
        row = html.split(f"Nivel {word}</a>")[1].split("</tr>")[0]
        assert f"{word} ({Decimal(value):.2f})" in row
    untouched = html.split("Reactivo numeric</a>")[1].split("</tr>")[0]
    assert "sin dato" in untouched
