"""Who reaches which institution, career and group through every org page and endpoint.

Out of reach: 404 and nothing changes. Visible but not manageable: 403 and nothing
changes. A role reaches its node and everything below it.
"""

import pytest

from impulsa.org.models import Career, Group, Institution

CAMPUSES = {"A1": "campus_a1", "A2": "campus_a2", "B1": "campus_b1"}


def snapshot():
    """Everything the org pages can write."""
    return (
        list(Institution.objects.order_by("pk").values()),
        list(Career.objects.order_by("pk").values()),
        list(Group.objects.order_by("pk").values()),
    )


def pages(world, key):
    """(url, data to POST) for every org page about one campus and its parts."""
    campus = getattr(world, CAMPUSES[key])
    career = Career.objects.get(campus=campus)
    group = Group.objects.get(campus=campus)
    return {
        "institution_detail": (f"/instituciones/{campus.pk}/", None),
        "institution_edit": (
            f"/instituciones/{campus.pk}/editar/",
            {"code": campus.code, "name": "Tomado", "is_active": "on"},
        ),
        "institution_create_under_state": (
            f"/instituciones/{campus.parent_id}/nueva/",
            {"code": "99DPT0001Z", "name": "Intruso"},
        ),
        "career_create": (
            f"/instituciones/{campus.pk}/carreras/nueva/",
            {"code": "INTRUSO", "name": "Intrusa"},
        ),
        "career_edit": (
            f"/instituciones/carreras/{career.pk}/editar/",
            {"code": "INFO", "name": "Tomada"},
        ),
        "group_create": (
            f"/instituciones/{campus.pk}/grupos/nuevo/",
            {"period": group.period_id, "name": "999", "semester": "1", "shift": "morning"},
        ),
        "group_edit": (
            f"/instituciones/grupos/{group.pk}/editar/",
            {"period": group.period_id, "name": "666", "semester": "6", "shift": "morning"},
        ),
    }


def api_urls(world, key):
    campus = getattr(world, CAMPUSES[key])
    return [
        f"/api/v1/institutions/{campus.pk}/",
        f"/api/v1/careers/{Career.objects.get(campus=campus).pk}/",
        f"/api/v1/groups/{Group.objects.get(campus=campus).pk}/",
    ]


PAGE_NAMES = [
    "institution_detail",
    "institution_edit",
    "institution_create_under_state",
    "career_create",
    "career_edit",
    "group_create",
    "group_edit",
]
FORM_PAGES = [name for name in PAGE_NAMES if name != "institution_detail"]


@pytest.mark.parametrize("other", ["A2", "B1"])
@pytest.mark.parametrize("page", PAGE_NAMES)
def test_campus_admin_cannot_see_or_change_another_campus(world, login, other, page):
    client = login(world.alice)
    url, data = pages(world, other)[page]
    before = snapshot()
    assert client.get(url).status_code == 404
    if data is not None:
        assert client.post(url, data).status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("other", ["A2", "B1"])
def test_campus_admin_cannot_read_another_campus_through_the_api(world, login, other):
    client = login(world.alice)
    for url in api_urls(world, other):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("other", ["A2", "B1"])
def test_campus_admin_never_sees_another_campus_in_lists(world, login, other):
    client = login(world.alice)
    campus = getattr(world, CAMPUSES[other])
    html = client.get("/instituciones/").content.decode()
    assert campus.name not in html
    for endpoint in ("institutions", "careers", "groups"):
        rows = client.get(f"/api/v1/{endpoint}/").json()["results"]
        campus_ids = {row.get("campus", row["id"]) for row in rows}
        assert campus.pk not in campus_ids, endpoint


@pytest.mark.parametrize("page", FORM_PAGES)
def test_teacher_reads_but_cannot_change_their_campus(world, login, page):
    client = login(world.teacher_a1)
    url, data = pages(world, "A1")[page]
    before = snapshot()
    expected = 404 if page == "institution_create_under_state" else 403  # state A is above
    assert client.get(url).status_code == expected
    assert client.post(url, data).status_code == expected
    assert snapshot() == before
    assert client.get(f"/instituciones/{world.campus_a1.pk}/").status_code == 200
    for api_url in api_urls(world, "A1"):
        assert client.get(api_url).status_code == 200


@pytest.mark.parametrize("page", FORM_PAGES)
def test_state_admin_manages_both_campuses_of_their_state(world, login, page):
    client = login(world.state_admin_a)
    for key in ("A1", "A2"):
        url, _data = pages(world, key)[page]
        assert client.get(url).status_code == 200, (key, url)


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_state_admin_cannot_reach_a_campus_of_another_state(world, login, page):
    client = login(world.state_admin_a)
    url, data = pages(world, "B1")[page]
    before = snapshot()
    assert client.get(url).status_code == 404
    if data is not None:
        assert client.post(url, data).status_code == 404
    assert snapshot() == before


def test_state_admin_changes_a_sibling_campus_of_alice(world, login):
    client = login(world.state_admin_a)
    url, data = pages(world, "A2")["institution_edit"]
    assert client.post(url, data).status_code == 302
    world.campus_a2.refresh_from_db()
    assert world.campus_a2.name == "Tomado"


@pytest.mark.parametrize("key", ["A1", "A2", "B1"])
@pytest.mark.parametrize("page", FORM_PAGES)
def test_national_admin_manages_every_campus(world, login, key, page):
    client = login(world.national_admin)
    url, _data = pages(world, key)[page]
    assert client.get(url).status_code == 200


def test_national_admin_changes_a_campus_in_another_state(world, login):
    client = login(world.national_admin)
    url, data = pages(world, "B1")["group_edit"]
    assert client.post(url, data).status_code == 302
    assert Group.objects.filter(campus=world.campus_b1, name="666").exists()


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_other_campus_admins_cannot_reach_campus_a1(world, login, who):
    client = login(getattr(world, who))
    before = snapshot()
    for url, data in pages(world, "A1").values():
        assert client.get(url).status_code == 404, url
        if data is not None:
            assert client.post(url, data).status_code == 404, url
    assert snapshot() == before
