"""People name search at national size: a folded search column (accents and case folded
by one database function for the stored text and for the query) kept current on
every write path, and the group picker that replaced a select of hundreds of groups."""

from django.db import connection
from django.db.models import Value
from django.db.models.functions import Concat
from django.urls import reverse

from impulsa.accounts.models import StudentProfile, User
from impulsa.org.roles import Role
from tests.factories import GroupFactory, MembershipFactory, StudentProfileFactory, UserFactory

LIST = reverse("people:user_list")


def _student(world, username, **user_fields):
    user = UserFactory(username=username, **user_fields)
    MembershipFactory(user=user, institution=world.campus_a1, role=Role.STUDENT)
    StudentProfileFactory(
        user=user, campus=world.campus_a1, career=world.career_a1, matricula=username
    )
    return user


def _found(client, query) -> list[str]:
    return [p.username for p in client.get(LIST, {"q": query}).context["page"]]


def test_folded_search_finds_jose_perez_however_it_is_typed(world, login):
    # The world's people have random names: none may be another José or Pérez here.
    User.objects.update(
        first_name="Ana",
        last_name="Ruiz",
        second_last_name="Soto",
        email=Concat("username", Value("@prueba.mx")),
    )
    _student(world, "2614500", first_name="José", last_name="Pérez")
    client = login(world.alice)
    for query in ("jose perez", "PEREZ", "pérez", "JOSÉ", "Pérez José"):
        assert _found(client, query) == ["2614500"], query
    assert _found(client, "jose lopez") == []


def test_search_column_follows_every_write_path(world, login):
    user = _student(world, "2614501", first_name="Ana", last_name="Ruiz")
    client = login(world.alice)
    User.objects.filter(pk=user.pk).update(last_name="Núñez")  # a queryset update
    assert _found(client, "nunez") == ["2614501"]
    with connection.cursor() as cursor:  # raw SQL, as a COPY or a script would write
        cursor.execute("UPDATE accounts_user SET first_name = 'Íñigo' WHERE id = %s", [user.pk])
    assert _found(client, "inigo nunez") == ["2614501"]
    StudentProfile.objects.filter(user=user).update(matricula="A99X")  # the profile's table
    assert _found(client, "a99x") == ["2614501"]
    StudentProfile.objects.filter(user=user).delete()
    assert _found(client, "a99x") == []


def test_search_treats_like_wildcards_as_text(world, login):
    _student(world, "2614502", first_name="Ana", last_name="Ruiz")
    client = login(world.alice)
    assert _found(client, "%") == []
    assert _found(client, "a_a") == []


def test_people_list_offers_a_group_search_box_not_a_select_of_every_group(
    world, login, django_assert_max_num_queries
):
    for n in range(40):
        GroupFactory(campus=world.campus_a1, period=world.group_a1.period, name=f"G{n:03d}")
    client = login(world.alice)
    client.get(LIST)
    with django_assert_max_num_queries(14):
        response = client.get(LIST)
    html = response.content.decode()
    assert "G039" not in html
    assert 'data-autocomplete-url="/instituciones/grupos/opciones/?uso=personas' in html
    assert 'for="id_group_q">Grupo</label>' in html


def test_group_box_without_javascript_filters_by_the_groups_name(world, login):
    other = GroupFactory(campus=world.campus_a1, period=world.group_a1.period, name="305")
    student = _student(world, "2614503")
    StudentProfile.objects.filter(user=student).update(group=other)
    client = login(world.alice)
    page = client.get(LIST, {"group_q": "305"}).context["page"]
    assert [p.username for p in page] == ["2614503"]
    # The id (from the combobox or a link) shows its group in the box; emptying the
    # box on a page sent without JavaScript drops the filter.
    response = client.get(LIST, {"group": other.pk})
    assert [p.username for p in response.context["page"]] == ["2614503"]
    assert 'value="305 · ' in response.content.decode()
    everyone = client.get(LIST, {"group": other.pk, "group_q": ""}).context["page"]
    assert len(everyone) > 1


def test_group_box_names_a_group_out_of_reach_as_unknown(world, login):
    response = login(world.alice).get(LIST, {"group_q": "999"})
    assert "No hay un grupo con ese nombre" in response.content.decode()
    assert list(response.context["page"]) == []
