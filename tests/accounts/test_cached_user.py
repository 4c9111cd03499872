"""The signed-in person is kept per process (accounts/signin/authentication.py); any change
to their row counts at their next request, and a log-in alone drops nothing."""

from django.contrib.auth.models import update_last_login
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from impulsa.accounts import services
from impulsa.core import cache_versions


def _home(client):
    return client.get(reverse("home"))


def test_a_person_deactivated_elsewhere_is_signed_out_at_the_next_request(world, login):
    client = login(world.teacher_a1)
    assert _home(client).status_code == 200

    services.set_active(actor=world.alice, user=world.teacher_a1, is_active=False)

    response = _home(client)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_new_password_set_elsewhere_ends_the_old_session(world, login):
    client = login(world.teacher_a1)
    assert _home(client).status_code == 200

    world.teacher_a1.set_password("otra-contrasena-larga")
    world.teacher_a1.save()

    assert _home(client).status_code == 302


def test_a_renamed_person_sees_the_new_name_at_the_next_request(world, login):
    client = login(world.teacher_a1)
    _home(client)

    world.teacher_a1.first_name = "Renata"
    world.teacher_a1.save()

    assert "Renata" in _home(client).content.decode()


def test_a_log_in_alone_keeps_every_process_cache_of_people(world):
    before = cache_versions.current(("accounts.users",))

    update_last_login(None, world.teacher_a1)

    assert cache_versions.current(("accounts.users",)) == before


def test_a_signed_in_page_reads_no_person_device_or_role_once_warm(world, login):
    client = login(world.alice)
    _home(client)

    with CaptureQueriesContext(connection) as captured:
        assert _home(client).status_code == 200

    tables = " ".join(query["sql"] for query in captured)
    assert "core_cacheversion" in tables
    for table in ("accounts_user", "otp_totp_totpdevice", "org_membership"):
        assert f'"{table}"' not in tables
