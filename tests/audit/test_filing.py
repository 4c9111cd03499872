"""Where entries about a person are filed when they hold roles at several campuses:
no single campus reads where the person signs in from."""

import pytest
from django.test import Client

from impulsa.audit.models import AuditEntry
from impulsa.org.api import Role
from tests.audit.helpers import latest
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
IP = "198.51.100.77"


def _teacher_at(*campuses):
    teacher = UserFactory(username="docente_itinerante")
    for campus in campuses:
        MembershipFactory(user=teacher, institution=campus, role=Role.TEACHER)
    return teacher


def _log_in_from_home(teacher) -> AuditEntry:
    response = Client(REMOTE_ADDR=IP).post(
        "/cuenta/entrar/", {"username": teacher.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    entry = latest(object_id=teacher.pk, content_type__model="user")
    assert entry.additional_data["event"] == "login"
    assert entry.remote_addr == IP
    return entry


def _can_read(client, entry: AuditEntry) -> bool:
    listed = entry.pk in [e.pk for e in client.get("/auditoria/").context["page"]]
    opened = client.get(f"/auditoria/{entry.pk}/").status_code == 200
    assert listed == opened
    return opened


def test_log_in_of_a_person_in_two_states_is_read_only_nationally(world, login):
    teacher = _teacher_at(world.campus_a1, world.campus_b1)
    entry = _log_in_from_home(teacher)

    assert entry.institution_id == world.national.pk
    for admin in (world.charlie, world.alice, world.state_admin_a):
        assert not _can_read(login(admin), entry), admin
    client = login(world.national_admin)
    assert _can_read(client, entry)
    assert IP in client.get(f"/auditoria/{entry.pk}/").content.decode()


def test_log_in_of_a_person_at_two_sibling_campuses_is_read_by_their_state(world, login):
    teacher = _teacher_at(world.campus_a1, world.campus_a2)
    entry = _log_in_from_home(teacher)

    assert entry.institution_id == world.state_a.pk
    assert not _can_read(login(world.alice), entry)
    assert not _can_read(login(world.bob), entry)
    assert _can_read(login(world.state_admin_a), entry)


def test_a_campus_still_reads_its_own_records_about_the_person(world, login):
    teacher = _teacher_at(world.campus_a1, world.campus_b1)
    _log_in_from_home(teacher)
    b1_role = AuditEntry.objects.filter(
        content_type__model="membership",
        object_id=teacher.memberships.get(institution=world.campus_b1).pk,
    ).latest("pk")

    assert b1_role.institution_id == world.campus_b1.pk
    assert _can_read(login(world.charlie), b1_role)
    assert not _can_read(login(world.alice), b1_role)


def test_a_person_with_roles_at_one_campus_is_filed_there(world):
    teacher = _teacher_at(world.campus_b1)
    assert _log_in_from_home(teacher).institution_id == world.campus_b1.pk
