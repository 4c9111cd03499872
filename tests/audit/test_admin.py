"""The audit log in the Django admin is read-only, even for superusers."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from impulsa.audit.models import AuditEntry
from tests.audit.helpers import latest, rename_career
from tests.conftest import current_token
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
ADMIN = "/admin/audit/auditentry/"


@pytest.fixture
def operator(client, world):
    """A platform operator signed in with password and TOTP (the admin asks for both)."""
    user = UserFactory(username="operador", is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=user, name="operador", confirmed=True)
    assert client.post("/cuenta/entrar/", {"username": "operador", "password": PASSWORD})
    response = client.post("/cuenta/verificacion/", {"token": current_token(device)})
    assert response.status_code == 302
    return client


def test_operator_lists_entries_with_their_institution(world, operator):
    rename_career(world.alice, world.career_a1, "Informática y Redes")
    response = operator.get(ADMIN)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Informática y Redes" in body
    assert "Plantel Guadalajara I" in body


def test_nobody_adds_changes_or_deletes_entries_in_the_admin(world, operator):
    rename_career(world.alice, world.career_a1, "Informática y Redes")
    entry = latest(action=AuditEntry.Action.UPDATE, object_id=world.career_a1.pk)
    before = AuditEntry.objects.count()

    assert operator.get(f"{ADMIN}add/").status_code == 403
    assert operator.get(f"{ADMIN}{entry.pk}/change/").status_code == 200
    assert operator.post(f"{ADMIN}{entry.pk}/change/", {"object_repr": "x"}).status_code == 403
    assert operator.get(f"{ADMIN}{entry.pk}/delete/").status_code == 403
    assert operator.post(f"{ADMIN}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = operator.post(ADMIN, {"action": "delete_selected", "_selected_action": [entry.pk]})
    assert bulk.status_code in (200, 302)

    assert AuditEntry.objects.count() == before
    entry.refresh_from_db()
    assert entry.object_repr == "Informática y Redes"


def test_campus_admin_cannot_open_the_django_admin(world, login):
    response = login(world.alice).get(ADMIN)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")
