"""REST endpoints: institutions, careers, groups and periods, scoped like the pages."""

import datetime

import pytest

from impulsa.org import services
from impulsa.org.models import AcademicPeriod, Career
from tests.conftest import api_token
from tests.factories import CareerFactory, GroupFactory, InstitutionFactory, PeriodFactory

ENDPOINTS = ["institutions", "careers", "groups", "periods"]


def token_client(client, user):
    token = api_token(user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"
    return client


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_anonymous_caller_gets_401(world, client, endpoint):
    response = client.get(f"/api/v1/{endpoint}/")
    assert response.status_code == 401
    assert client.get(f"/api/v1/{endpoint}/1/").status_code == 401


def test_campus_admin_lists_only_their_campus(world, login):
    client = login(world.alice)
    body = client.get("/api/v1/institutions/").json()
    assert body["count"] == 1
    (row,) = body["results"]
    assert row["id"] == world.campus_a1.pk
    assert row["kind"] == "campus"
    assert row["parent"] == world.state_a.pk
    assert row["depth"] == 3
    careers = client.get("/api/v1/careers/").json()["results"]
    assert [c["id"] for c in careers] == [world.career_a1.pk]
    groups = client.get("/api/v1/groups/").json()["results"]
    assert [g["id"] for g in groups] == [world.group_a1.pk]
    assert groups[0]["period_code"] == "2026-2"
    assert groups[0]["career"] == world.career_a1.pk


def test_state_admin_lists_the_state_and_its_campuses_in_tree_order(world, login):
    rows = login(world.state_admin_a).get("/api/v1/institutions/").json()["results"]
    assert [r["code"] for r in rows] == ["JAL", "14DPT0001A", "14DPT0002B"]
    assert [r["depth"] for r in rows] == [2, 3, 3]


def test_national_admin_detail_of_any_institution(world, login):
    client = login(world.national_admin)
    response = client.get(f"/api/v1/institutions/{world.campus_b1.pk}/")
    assert response.status_code == 200
    assert response.json()["code"] == "15DPT0001C"
    root = client.get(f"/api/v1/institutions/{world.national.pk}/").json()
    assert root["parent"] is None
    assert root["depth"] == 1


def test_token_authentication_is_scoped_the_same_way(world, client):
    client = token_client(client, world.bob)
    rows = client.get("/api/v1/institutions/").json()["results"]
    assert [r["id"] for r in rows] == [world.campus_a2.pk]
    assert client.get(f"/api/v1/institutions/{world.campus_a1.pk}/").status_code == 404


def test_effective_branding_fields_show_inheritance(world, login):
    services.update_institution(
        actor=world.state_admin_a,
        institution=world.state_a,
        primary_color="#7A1F3D",
        display_name="CONALEP Jalisco",
    )
    row = login(world.alice).get(f"/api/v1/institutions/{world.campus_a1.pk}/").json()
    assert row["primary_color"] == ""
    assert row["effective_primary_color"] == "#7A1F3D"
    assert row["display_name"] == ""
    assert row["effective_display_name"] == "CONALEP Jalisco"
    assert row["logo_url"] == ""
    assert row["effective_logo_url"] == ""


def test_institutions_filter_by_kind_parent_and_text(world, login):
    client = login(world.national_admin)
    kinds = client.get("/api/v1/institutions/", {"kind": "state"}).json()["results"]
    assert [r["code"] for r in kinds] == ["JAL", "MEX"]
    children = client.get("/api/v1/institutions/", {"parent": world.state_a.pk}).json()
    assert [r["code"] for r in children["results"]] == ["14DPT0001A", "14DPT0002B"]
    found = client.get("/api/v1/institutions/", {"q": "toluca"}).json()["results"]
    assert [r["code"] for r in found] == ["15DPT0001C"]


@pytest.mark.parametrize(
    ("endpoint", "params", "field"),
    [
        ("institutions", {"kind": "escuela"}, "kind"),
        ("institutions", {"parent": "uno"}, "parent"),
        ("careers", {"campus": "x"}, "campus"),
        ("groups", {"period": "-1"}, "period"),
    ],
)
def test_bad_filters_answer_400_in_spanish(world, login, endpoint, params, field):
    response = login(world.national_admin).get(f"/api/v1/{endpoint}/", params)
    assert response.status_code == 400
    assert response.json()["field"] == field


def test_careers_and_groups_filter_by_campus_and_period(world, login):
    client = login(world.state_admin_a)
    careers = client.get("/api/v1/careers/", {"campus": world.campus_a2.pk}).json()["results"]
    assert [c["campus"] for c in careers] == [world.campus_a2.pk]
    old = PeriodFactory(
        code="2026-1",
        is_current=False,
        starts_on=datetime.date(2026, 2, 2),
        ends_on=datetime.date(2026, 7, 10),
    )
    GroupFactory(campus=world.campus_a1, period=old, name="601", semester=6)
    groups = client.get("/api/v1/groups/", {"campus": world.campus_a1.pk, "period": old.pk}).json()[
        "results"
    ]
    assert [g["name"] for g in groups] == ["601"]
    outside = client.get("/api/v1/groups/", {"campus": world.campus_b1.pk}).json()
    assert outside["count"] == 0


def test_staff_read_the_periods_and_students_get_none(world, login):
    period = AcademicPeriod.objects.get(code="2026-2")
    teacher = login(world.teacher_a1).get("/api/v1/periods/").json()
    assert teacher["results"] == [
        {
            "id": period.pk,
            "code": "2026-2",
            "starts_on": "2026-08-24",
            "ends_on": "2027-01-29",
            "is_current": True,
        }
    ]
    student = login(world.student_a1)
    assert student.get("/api/v1/periods/").json()["count"] == 0
    assert student.get(f"/api/v1/periods/{period.pk}/").status_code == 404
    assert student.get("/api/v1/institutions/").json()["count"] == 0


def test_api_is_read_only(world, login):
    client = login(world.national_admin)
    response = client.post(
        "/api/v1/careers/", {"campus": world.campus_a1.pk, "code": "X", "name": "X"}
    )
    assert response.status_code == 405
    assert client.delete(f"/api/v1/careers/{world.career_a1.pk}/").status_code == 405
    assert Career.objects.filter(pk=world.career_a1.pk).exists()


def test_institution_list_query_count_is_bounded(world, login, django_assert_max_num_queries):
    for n in range(30):
        campus = InstitutionFactory(parent=world.state_b, code=f"15DPT{n:04d}X")
        CareerFactory(campus=campus)
    client = login(world.national_admin)
    with django_assert_max_num_queries(10):
        response = client.get("/api/v1/institutions/")
    assert response.json()["count"] == 36


def test_group_list_query_count_is_bounded(world, login, django_assert_max_num_queries):
    period = AcademicPeriod.objects.get(is_current=True)
    for _ in range(30):
        GroupFactory(campus=world.campus_a1, period=period, career=world.career_a1)
    client = login(world.alice)
    with django_assert_max_num_queries(10):
        response = client.get("/api/v1/groups/")
    assert response.json()["count"] == 31
