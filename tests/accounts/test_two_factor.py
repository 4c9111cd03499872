"""TOTP two-factor authentication for administrators (django-otp).

A campus admin sets up an authenticator at the first log-in and types a code at
every log-in after; until then no page and no API call with the session answers.
"""

import base64
import re
import time
from urllib.parse import quote

import pytest
from django.urls import get_resolver, reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_ratelimit.core import _get_window

from impulsa.audit.models import AuditEntry
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

SETUP = "/cuenta/verificacion/configurar/"
VERIFY = "/cuenta/verificacion/"
WRONG_CODE_MESSAGE = "El código no es correcto o ya caducó."
THROTTLED_MESSAGE = "Demasiados códigos incorrectos; espera un momento."
REUSED_CODE_MESSAGE = (
    "Ese código ya se usó. Espera a que tu aplicación muestre el siguiente "
    "(cambia cada 30 segundos) y escríbelo."
)


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or `steps_ahead` periods later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    """A well-formed code that no nearby time step accepts."""
    near = {code(device, steps) for steps in (-2, -1, 0, 1, 2)}
    return next(f"{n:06d}" for n in range(123456, 999999) if f"{n:06d}" not in near)


def password_log_in(client, user):
    response = client.post("/cuenta/entrar/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Autenticador", confirmed=True)


def _fresh_rate_window(key: str, period: int, margin: float = 10.0) -> None:
    """Wait for a new django-ratelimit window if the current one is about to end, so
    a burst of requests is counted in a single window."""
    remaining = _get_window(key, period) - time.time()
    if remaining < margin:
        time.sleep(max(remaining, 0) + 1.1)


def test_admin_without_authenticator_is_sent_to_set_up_and_sees_qr_and_secret(world, client):
    assert password_log_in(client, world.alice).headers["Location"] == "/"

    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == f"{SETUP}?next=%2F"

    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert "Configura la verificación en dos pasos" in body
    assert 'src="data:image/svg+xml;base64,' in body
    device = TOTPDevice.objects.get(user=world.alice, confirmed=False)
    secret = base64.b32encode(device.bin_key).decode()
    shown = re.search(r'<code class="user-select-all">([A-Z2-7 ]+)</code>', body).group(1)
    assert shown.replace(" ", "") == secret
    qr = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', body).group(1)
    assert b"<svg" in base64.b64decode(qr)


def test_wrong_code_at_set_up_is_refused_in_spanish(world, client):
    password_log_in(client, world.alice)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=world.alice)

    response = client.post(SETUP, {"token": wrong_code(device), "next": "/"})

    assert response.status_code == 200
    assert WRONG_CODE_MESSAGE in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert device.throttling_failure_count == 1
    assert client.get("/").status_code == 302


def test_letters_instead_of_a_code_are_refused_in_spanish(world, client):
    password_log_in(client, world.alice)
    client.get(SETUP)
    response = client.post(SETUP, {"token": "12a456"})
    assert "El código tiene solo dígitos." in response.content.decode()


def test_right_code_confirms_the_authenticator_and_lets_the_admin_in(world, client):
    password_log_in(client, world.alice)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=world.alice)

    response = client.post(SETUP, {"token": code(device), "next": "/auditoria/"})

    assert response.status_code == 302
    assert response.headers["Location"] == "/auditoria/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/").status_code == 200
    assert client.get("/auditoria/").status_code == 200
    entry = AuditEntry.objects.filter(object_id=world.alice.pk).latest("timestamp")
    assert entry.additional_data == {"event": "2fa_enabled"}
    assert entry.institution_id == world.campus_a1.pk


def test_next_log_in_asks_for_the_code(world, client):
    device = confirmed_device(world.alice)
    password_log_in(client, world.alice)

    response = client.get("/auditoria/")
    assert response.status_code == 302
    assert response.headers["Location"] == f"{VERIFY}?next=%2Fauditoria%2F"
    assert "Escribe el código de 6 dígitos" in client.get(VERIFY).content.decode()
    # An admin who already has an authenticator cannot replace it from the set-up page.
    assert client.get(SETUP).headers["Location"].startswith(VERIFY)

    response = client.post(VERIFY, {"token": code(device), "next": "/auditoria/"})
    assert response.headers["Location"] == "/auditoria/"
    assert client.get("/auditoria/").status_code == 200


def test_wrong_code_at_log_in_is_refused_and_audited(world, client):
    device = confirmed_device(world.alice)
    password_log_in(client, world.alice)

    response = client.post(VERIFY, {"token": wrong_code(device)})

    assert response.status_code == 200
    assert WRONG_CODE_MESSAGE in response.content.decode()
    assert client.get("/").status_code == 302
    entry = AuditEntry.objects.filter(object_id=world.alice.pk).latest("timestamp")
    assert entry.additional_data == {"event": "2fa_failed"}
    assert entry.institution_id == world.campus_a1.pk


def _pages_without_arguments() -> list[str]:
    """Every named page of the site that takes no URL arguments."""
    open_names = {
        "healthz",
        "readyz",
        "set_language",
        "accounts:logout",
        "accounts:two_factor_setup",
        "accounts:two_factor_verify",
    }
    urls = []

    def walk(patterns, namespace=None):
        for entry in patterns:
            if hasattr(entry, "url_patterns"):
                name = entry.namespace
                walk(
                    entry.url_patterns,
                    f"{namespace}:{name}" if namespace and name else (name or namespace),
                )
            elif entry.name and not entry.pattern.converters and "(?P<" not in str(entry.pattern):
                full = f"{namespace}:{entry.name}" if namespace else entry.name
                if full not in open_names and not full.startswith("admin"):
                    urls.append(reverse(full))

    walk(get_resolver().url_patterns)
    return urls


def test_every_page_is_blocked_until_the_code_is_confirmed(world, client):
    confirmed_device(world.alice)
    password_log_in(client, world.alice)
    pages = [*_pages_without_arguments(), "/admin/", f"/auditoria/{AuditEntry.objects.first().pk}/"]
    assert "/auditoria/" in pages

    for url in pages:
        if url.startswith("/api/"):
            continue
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"] == f"{VERIFY}?next={quote(url, safe='')}", url
        response = client.post(url, {})
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith(VERIFY), url


def test_api_calls_with_the_session_are_refused_until_verified(world, client):
    device = confirmed_device(world.alice)
    password_log_in(client, world.alice)

    response = client.get("/api/v1/")
    assert response.status_code == 403
    assert response.json() == {"detail": "Confirma tu código de verificación en dos pasos."}

    client.post(VERIFY, {"token": code(device)})
    assert client.get("/api/v1/").status_code == 200


def test_unverified_admin_may_still_log_out(world, client):
    confirmed_device(world.alice)
    password_log_in(client, world.alice)
    response = client.post("/cuenta/salir/")
    assert response.status_code == 302
    assert client.get("/").headers["Location"].startswith("/cuenta/entrar/")


@pytest.mark.parametrize("person", ["student_a1", "teacher_a1"])
def test_students_and_teachers_are_not_asked_for_a_code(world, client, person):
    password_log_in(client, getattr(world, person))
    assert client.get("/").status_code == 200
    assert client.get("/cuenta/perfil/").status_code == 200


@pytest.mark.parametrize("page", [SETUP, VERIFY])
def test_codes_are_throttled_after_a_failure(world, client, settings, page):
    # Back-off after n failures is factor * 2^(n-1) seconds; a long factor makes the
    # test independent of how fast it runs.
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    device = confirmed_device(world.alice) if page == VERIFY else None
    password_log_in(client, world.alice)
    if device is None:
        client.get(SETUP)
        device = TOTPDevice.objects.get(user=world.alice)

    first = client.post(page, {"token": wrong_code(device)})
    assert WRONG_CODE_MESSAGE in first.content.decode()
    # Even the right code is refused while the back-off lasts.
    throttled = client.post(page, {"token": code(device)})
    assert THROTTLED_MESSAGE in throttled.content.decode()

    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert client.get("/").status_code == 302


def test_code_attempts_are_rate_limited_per_person(world, client, settings):
    # The production rate is 10 a minute; an hour-long window keeps the burst below
    # inside one window however slowly the test runs.
    settings.TWO_FACTOR_CODE_RATE = "10/h"
    device = confirmed_device(world.alice)
    password_log_in(client, world.alice)
    _fresh_rate_window(str(world.alice.pk), period=3600)

    statuses = [client.post(VERIFY, {"token": wrong_code(device)}).status_code for _ in range(10)]
    assert statuses == [200] * 10
    refused = client.post(VERIFY, {"token": code(device)})
    assert refused.status_code == 429
    assert "Demasiados intentos" in refused.content.decode()
    assert client.get("/").status_code == 302


def test_default_code_rate_is_ten_a_minute():
    from django.conf import settings

    from impulsa.accounts.signin import twofactor

    assert getattr(settings, "TWO_FACTOR_CODE_RATE", twofactor.DEFAULT_CODE_RATE) == "10/m"


def test_a_code_cannot_be_used_twice(world, client):
    device = confirmed_device(world.alice)
    password_log_in(client, world.alice)
    used = code(device)
    assert client.post(VERIFY, {"token": used}).status_code == 302
    client.post("/cuenta/salir/")

    password_log_in(client, world.alice)
    response = client.post(VERIFY, {"token": used})

    assert response.status_code == 200
    body = response.content.decode()
    # Said plainly: the code was right, but it was already used; wait for the next.
    assert REUSED_CODE_MESSAGE in body
    assert WRONG_CODE_MESSAGE not in body
    assert client.get("/").status_code == 302


def test_after_verification_only_local_destinations_are_followed(world, client):
    device = confirmed_device(world.alice)
    password_log_in(client, world.alice)
    response = client.post(VERIFY, {"token": code(device), "next": "https://phishing.example/"})
    assert response.headers["Location"] == reverse("home")


def test_the_page_asked_for_is_reached_with_its_query_string(world, client):
    device = confirmed_device(world.alice)
    password_log_in(client, world.alice)

    response = client.get("/auditoria/", {"action": "alta", "page": "2"})
    target = response.headers["Location"]
    assert target == f"{VERIFY}?next=%2Fauditoria%2F%3Faction%3Dalta%26page%3D2"

    verify_page = client.get(target)
    assert 'value="/auditoria/?action=alta&amp;page=2"' in verify_page.content.decode()
    response = client.post(
        VERIFY, {"token": code(device), "next": "/auditoria/?action=alta&page=2"}
    )
    assert response.headers["Location"] == "/auditoria/?action=alta&page=2"
