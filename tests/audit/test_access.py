"""Who reads which audit entries: the access rule, applied to the log."""

import datetime

import pytest

from impulsa.audit.models import AuditEntry
from impulsa.core.errors import AccessDenied
from impulsa.org.api import Career
from impulsa.org.services import save_period, update_career, update_institution
from tests.audit.helpers import latest, listed_entry_ids, rename_career

pytestmark = pytest.mark.django_db
URL = "/auditoria/"


@pytest.fixture
def campus_entries(world):
    """One change by each campus admin in their own campus."""
    rename_career(world.alice, world.career_a1, "Informática A1")
    rename_career(world.bob, Career.objects.get(campus=world.campus_a2), "Informática A2")
    rename_career(world.charlie, Career.objects.get(campus=world.campus_b1), "Informática B1")
    return {
        campus: latest(action=AuditEntry.Action.UPDATE, institution=campus)
        for campus in (world.campus_a1, world.campus_a2, world.campus_b1)
    }


def _visible_institutions(client) -> set[int]:
    pages, ids, page = 1, set(), 1
    while page <= pages:
        response = client.get(URL, {"page": page})
        assert response.status_code == 200
        pages = response.context["page"].paginator.num_pages
        ids |= {e.institution_id for e in response.context["page"]}
        page += 1
    return ids


def test_sibling_campus_admin_cannot_see_alice_campus_entries(world, login, campus_entries):
    client = login(world.bob)
    a1_entry = campus_entries[world.campus_a1]

    listed = listed_entry_ids(client.get(URL))
    assert a1_entry.pk not in listed
    assert campus_entries[world.campus_a2].pk in listed
    assert _visible_institutions(client) == {world.campus_a2.pk}
    assert client.get(f"/auditoria/{a1_entry.pk}/").status_code == 404
    filtered = client.get(URL, {"institution": world.campus_a1.pk})
    assert filtered.context["form"].errors["institution"]
    assert a1_entry.pk not in listed_entry_ids(filtered)


def test_admin_of_another_state_cannot_open_campus_a_entries(world, login, campus_entries):
    client = login(world.charlie)
    for campus in (world.campus_a1, world.campus_a2):
        assert client.get(f"/auditoria/{campus_entries[campus].pk}/").status_code == 404
    assert _visible_institutions(client) == {world.campus_b1.pk}
    body = client.get(URL).content.decode()
    assert "Plantel Guadalajara I" not in body
    assert "Plantel Zapopan" not in body


def test_state_director_reads_both_campuses_of_the_state_and_nothing_else(
    world, login, director_a, campus_entries
):
    client = login(director_a)

    visible = _visible_institutions(client)
    assert {world.campus_a1.pk, world.campus_a2.pk} <= visible
    assert visible <= {world.state_a.pk, world.campus_a1.pk, world.campus_a2.pk}
    for campus in (world.campus_a1, world.campus_a2):
        assert client.get(f"/auditoria/{campus_entries[campus].pk}/").status_code == 200
    assert client.get(f"/auditoria/{campus_entries[world.campus_b1].pk}/").status_code == 404


def test_state_director_cannot_change_anything(world, login, director_a, campus_entries):
    client = login(director_a)
    entry = campus_entries[world.campus_a1]
    before = list(AuditEntry.objects.order_by("pk").values_list("pk", "changes"))

    assert client.post(URL, {"action": "baja"}).status_code == 405
    assert client.post(f"/auditoria/{entry.pk}/").status_code == 405
    assert client.delete(f"/auditoria/{entry.pk}/").status_code == 405
    with pytest.raises(AccessDenied):
        update_career(
            actor=director_a,
            career=world.career_a1,
            code="INFO",
            name="Cambio no permitido",
            is_active=True,
        )
    with pytest.raises(AccessDenied):
        update_institution(actor=director_a, institution=world.campus_a1, name="Otro")

    assert list(AuditEntry.objects.order_by("pk").values_list("pk", "changes")) == before
    world.career_a1.refresh_from_db()
    assert world.career_a1.name == "Informática A1"


@pytest.mark.parametrize("person", ["teacher_a1", "student_a1"])
def test_people_without_audit_rights_get_no_audit_page(world, login, campus_entries, person):
    client = login(getattr(world, person))
    entry = campus_entries[world.campus_a1]

    listing = client.get(URL)
    assert listing.status_code == 403
    assert "No tienes acceso a la auditoría." in listing.content.decode()
    assert client.get(f"/auditoria/{entry.pk}/").status_code == 403
    assert 'href="/auditoria/"' not in client.get("/").content.decode()


def test_anonymous_visitor_is_sent_to_log_in(client, world, campus_entries):
    entry = campus_entries[world.campus_a1]
    for url in (URL, f"/auditoria/{entry.pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/cuenta/entrar/")


def test_entries_without_institution_are_for_national_auditors_only(world, login):
    period = save_period(
        actor=world.national_admin,
        code="2027-1",
        starts_on=datetime.date(2027, 2, 1),
        ends_on=datetime.date(2027, 7, 15),
        is_current=False,
    )
    entry = latest(action=AuditEntry.Action.CREATE, object_id=period.pk)
    assert entry.institution_id is None

    national = login(world.national_admin)
    assert entry.pk in listed_entry_ids(national.get(URL, {"content_type": entry.content_type_id}))
    assert national.get(f"/auditoria/{entry.pk}/").status_code == 200

    state = login(world.state_admin_a)
    assert state.get(f"/auditoria/{entry.pk}/").status_code == 404
    assert None not in _visible_institutions(state)


def test_audit_link_appears_for_auditors(world, login):
    assert 'href="/auditoria/"' in login(world.alice).get("/").content.decode()
