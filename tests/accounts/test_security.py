"""The security base, proven through the real pages: lockout, rate limits, headers,
session expiry, password recovery and the audit trail of log-ins."""

import re
import time

import pytest
from auditlog.cid import set_cid
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_ratelimit.core import _get_window

from impulsa import settings as project_settings
from impulsa.audit.models import AuditEntry
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/cuenta/entrar/"
LOCKED_TITLE = "Cuenta bloqueada temporalmente"
WRONG_PASSWORD = "Usuario o contraseña incorrectos."
NEW_PASSWORD = "Otra-Clave-Segura-2027"


def log_in(client, username: str, password: str = PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def signed_in(client) -> bool:
    return client.get("/cuenta/perfil/").status_code == 200


@pytest.fixture(autouse=True)
def _forget_correlation_id():
    """auditlog keeps the last request's X-Correlation-ID in a context variable; a test
    that sends one must not lend it to entries written later outside any request."""
    yield
    set_cid(None)


def _fresh_rate_window(key: str, period: int, margin: float = 10.0) -> None:
    """Wait for a new django-ratelimit window if the current one is about to end, so
    a burst of requests is counted in a single window."""
    remaining = _get_window(key, period) - time.time()
    if remaining < margin:
        time.sleep(max(remaining, 0) + 1.1)


# --- Lockout after repeated failures (django-axes) ----------------------------------


def test_account_locks_after_the_failure_limit_with_a_spanish_page(world, client, settings):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        response = log_in(client, world.teacher_a1.username, "contraseña-equivocada")
        assert response.status_code == 200
        assert WRONG_PASSWORD in response.content.decode()

    response = log_in(client, world.teacher_a1.username, "contraseña-equivocada")

    assert response.status_code == 429
    body = response.content.decode()
    assert LOCKED_TITLE in body
    assert "espera 15 minutos" in body
    assert reverse("accounts:password_reset") in body


def test_right_password_is_refused_while_locked(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, world.teacher_a1.username, "contraseña-equivocada")

    response = log_in(client, world.teacher_a1.username)

    assert response.status_code == 429
    assert LOCKED_TITLE in response.content.decode()
    assert not signed_in(client)


def test_lockout_holds_one_account_from_one_address(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, world.teacher_a1.username, "contraseña-equivocada")

    # Another account on the same school network still signs in…
    assert log_in(client, world.student_a1.username).status_code == 302
    client.post("/cuenta/salir/")
    # …and so does the locked account from another address (a student cannot lock
    # out a teacher for the whole campus).
    response = log_in(client, world.teacher_a1.username, REMOTE_ADDR="198.51.100.23")
    assert response.status_code == 302


def test_failures_from_one_address_behind_the_proxy_do_not_lock_the_account_elsewhere(
    world, client, settings
):
    # deploy/: nginx in front (REMOTE_ADDR is nginx's), the client's address appended
    # last to X-Forwarded-For. A stranger guessing from one address must not lock the
    # student out at school.
    settings.TRUSTED_PROXY_COUNT = 1
    stranger = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "10.0.0.9, 203.0.113.5"}
    school = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.40"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, world.student_a1.username, "contraseña-equivocada", **stranger)

    assert log_in(client, world.student_a1.username, **stranger).status_code == 429
    assert log_in(client, world.student_a1.username, **school).status_code == 302
    assert _events(world.student_a1)[-1].remote_addr == "198.51.100.40"


def test_behind_one_proxy_the_client_address_is_the_last_forwarded_entry(settings, rf):
    from impulsa.core.net import client_ip

    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    assert client_ip(request) == "203.0.113.5"  # the first entry is the client's claim
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"


def test_successful_log_in_forgives_earlier_failures(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, world.teacher_a1.username, "contraseña-equivocada")
    assert log_in(client, world.teacher_a1.username).status_code == 302
    client.post("/cuenta/salir/")

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = log_in(client, world.teacher_a1.username, "contraseña-equivocada")
    assert response.status_code == 200


def test_log_in_form_refuses_posts_without_its_csrf_token(world):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(LOGIN, {"username": world.teacher_a1.username, "password": PASSWORD})
    assert response.status_code == 403

    page = browser.get(LOGIN)
    token = page.cookies["csrftoken"].value
    response = browser.post(
        LOGIN,
        {"username": world.teacher_a1.username, "password": PASSWORD},
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 302


# --- Log-in rate limit (django-ratelimit) --------------------------------------------


def test_log_in_rate_limit_answers_429_in_spanish(world, client, settings):
    # An hour-long window (production: a minute) keeps the burst inside one window.
    settings.LOGIN_RATE = "20/h"
    _fresh_rate_window("127.0.0.1", period=3600)
    # Different unknown usernames, so the per-account lockout never triggers.
    for attempt in range(20):
        response = log_in(client, f"nadie{attempt}", "x")
        assert response.status_code == 200, attempt

    response = log_in(client, world.teacher_a1.username)

    assert response.status_code == 429
    body = response.content.decode()
    assert "Demasiados intentos" in body
    assert "Espera un minuto antes de volver a intentarlo." in body
    assert not signed_in(client)
    # Other addresses are not affected.
    assert log_in(client, world.teacher_a1.username, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_log_in_rate_is_configured_per_minute():
    assert re.fullmatch(r"\d+/m", project_settings.LOGIN_RATE)


# --- Security headers ----------------------------------------------------------------


def _csp(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def test_pages_carry_a_strict_content_security_policy(world, client):
    response = client.get(LOGIN)
    csp = _csp(response)

    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert not any("unsafe" in source for sources in csp.values() for source in sources)
    nonces = [s for s in csp["style-src"] if s.startswith("'nonce-")]
    assert "'self'" in csp["style-src"]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    assert f'<style nonce="{nonce}">' in response.content.decode()

    again = _csp(client.get(LOGIN))
    assert [s for s in again["style-src"] if s.startswith("'nonce-")] != nonces


@pytest.mark.parametrize("url", [LOGIN, "/", "/auditoria/", "/no-existe/"])
def test_pages_forbid_framing_sniffing_and_leaky_referrers(world, login, url):
    client = login(world.alice)
    response = client.get(url)

    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy
    assert "Content-Security-Policy" in response.headers


@pytest.mark.parametrize(
    "url",
    [
        LOGIN,
        "/cuenta/recuperar/",
        "/cuenta/recuperar/enviado/",
        "/cuenta/recuperar/listo/",
        "/cuenta/recuperar/MQ/no-vale/",
    ],
)
def test_account_pages_have_no_inline_script_or_style_attribute(client, db, url):
    body = client.get(url).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body)
    assert not re.search(r"\sstyle=", body)
    assert not re.search(r"\son[a-z]+=", body)


# --- Session expiry -------------------------------------------------------------------


def test_sessions_end_after_two_idle_hours_and_are_renewed_while_in_use(world, client, settings):
    assert project_settings.SESSION_COOKIE_AGE == 2 * 60 * 60
    assert project_settings.SESSION_COOKIE_HTTPONLY is True
    middleware = project_settings.MIDDLEWARE
    assert middleware.index("impulsa.core.middleware.SlidingSessionMiddleware") > middleware.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )
    assert 0 < project_settings.SESSION_REFRESH_SECONDS < project_settings.SESSION_COOKIE_AGE

    response = log_in(client, world.teacher_a1.username)
    assert response.cookies["sessionid"]["max-age"] == 2 * 60 * 60

    settings.SESSION_REFRESH_SECONDS = 0  # renew on this very request
    renewed = client.get("/")
    assert renewed.status_code == 200
    assert renewed.cookies["sessionid"]["max-age"] == 2 * 60 * 60


def test_idle_session_expires_but_activity_keeps_it_alive(world, client, settings):
    # Seconds instead of hours, to watch the sliding window at work.
    settings.SESSION_COOKIE_AGE = 2
    settings.SESSION_REFRESH_SECONDS = 1
    assert log_in(client, world.teacher_a1.username).status_code == 302

    for _ in range(3):  # 3.6 s of activity: longer than one idle period
        time.sleep(1.2)
        assert client.get("/").status_code == 200

    time.sleep(2.5)
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith(f"{LOGIN}?next=/")


# --- Password recovery ------------------------------------------------------------------


def _reset_link(message) -> str:
    match = re.search(r"https?://testserver(/cuenta/recuperar/[^/\s]+/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_password_reset_mail_lets_the_person_choose_a_new_password_and_log_in(world, client):
    teacher = world.teacher_a1
    response = client.post("/cuenta/recuperar/", {"email": teacher.email})
    assert response.status_code == 302
    assert response.headers["Location"] == "/cuenta/recuperar/enviado/"

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [teacher.email]
    assert message.subject == "Recupera tu contraseña de Impulsa"
    assert f"Tu usuario es: {teacher.username}" in message.body

    form_page = client.get(_reset_link(message), follow=True)
    assert "Crea tu nueva contraseña" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.headers["Location"] == "/cuenta/recuperar/listo/"

    assert log_in(client, teacher.username, PASSWORD).status_code == 200
    assert log_in(client, teacher.username, NEW_PASSWORD).status_code == 302
    assert signed_in(client)


def test_reset_link_works_only_once(world, client):
    client.post("/cuenta/recuperar/", {"email": world.teacher_a1.email})
    link = _reset_link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    again = client.get(link, follow=True)
    assert "El enlace ya no es válido" in again.content.decode()


def test_reset_request_for_an_unknown_address_looks_the_same_and_sends_nothing(db, client):
    response = client.post("/cuenta/recuperar/", {"email": "nadie@example.mx"})
    assert response.headers["Location"] == "/cuenta/recuperar/enviado/"
    assert mail.outbox == []


def test_password_reset_lifts_the_lockout(world, client, settings):
    teacher = world.teacher_a1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, teacher.username, "contraseña-equivocada")
    assert log_in(client, teacher.username).status_code == 429

    client.post("/cuenta/recuperar/", {"email": teacher.email})
    form_page = client.get(_reset_link(mail.outbox[0]), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert log_in(client, teacher.username, NEW_PASSWORD).status_code == 302


def test_weak_new_passwords_are_refused_in_spanish(world, client):
    client.post("/cuenta/recuperar/", {"email": world.teacher_a1.email})
    form_page = client.get(_reset_link(mail.outbox[0]), follow=True)

    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "Debe contener por lo menos 10 caracteres." in body
    assert "Esta contraseña es muy común." in body
    assert log_in(client, world.teacher_a1.username, "12345678").status_code == 200


def test_reset_requests_are_rate_limited(db, client, settings):
    settings.PASSWORD_RESET_RATE = "5/h"
    _fresh_rate_window("127.0.0.1", period=3600)
    for _ in range(5):
        assert client.post("/cuenta/recuperar/", {"email": "x@example.mx"}).status_code == 302
    response = client.post("/cuenta/recuperar/", {"email": "x@example.mx"})
    assert response.status_code == 429
    assert "Demasiados intentos" in response.content.decode()


# --- Log-ins in the audit log ----------------------------------------------------------


def _events(user) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            action=AuditEntry.Action.ACCESS, object_id=user.pk, content_type__model="user"
        ).order_by("timestamp", "pk")
    )


def test_log_ins_failures_and_log_outs_are_audited_with_the_institution(world, client, login):
    log_in(client, world.alice.username, "contraseña-equivocada")
    login(world.alice)  # password and TOTP code
    client.post("/cuenta/salir/")

    failed, logged_in, logged_out = _events(world.alice)
    assert [e.additional_data["event"] for e in (failed, logged_in, logged_out)] == [
        "login_failed",
        "login",
        "logout",
    ]
    for entry in (failed, logged_in, logged_out):
        assert entry.institution_id == world.campus_a1.pk
        assert entry.remote_addr == "127.0.0.1"
        assert entry.object_repr == str(world.alice)
    assert failed.actor is None  # nobody proved who they were
    assert logged_in.actor == world.alice
    assert logged_out.actor == world.alice


def test_each_person_s_log_in_lands_in_their_own_campus(world, client):
    for person, campus in (
        (world.student_b1, world.campus_b1),
        (world.teacher_a1, world.campus_a1),
        (world.state_admin_a, world.state_a),
    ):
        log_in(client, person.username)
        client.post("/cuenta/salir/")
        assert {e.institution_id for e in _events(person)} == {campus.pk}


def test_failed_log_in_with_an_unknown_username_records_no_one(db, client):
    before = AuditEntry.objects.count()
    log_in(client, "no-existe", "x")
    assert AuditEntry.objects.count() == before


def test_password_reset_and_change_are_audited(world, client):
    teacher = world.teacher_a1
    client.post("/cuenta/recuperar/", {"email": teacher.email})
    form_page = client.get(_reset_link(mail.outbox[0]), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    log_in(client, teacher.username, NEW_PASSWORD)
    client.post(
        "/cuenta/contrasena/",
        {
            "old_password": NEW_PASSWORD,
            "new_password1": "Tercera-Clave-2028",
            "new_password2": "Tercera-Clave-2028",
        },
    )

    events = [e.additional_data["event"] for e in _events(teacher)]
    assert events == ["password_reset", "login", "password_changed"]
    assert {e.institution_id for e in _events(teacher)} == {world.campus_a1.pk}


def test_audit_log_holds_no_password(world, client):
    log_in(client, world.teacher_a1.username, "contraseña-equivocada")
    log_in(client, world.teacher_a1.username)
    stored = " ".join(
        str(values) for values in AuditEntry.objects.values_list("changes", "additional_data")
    )
    assert "contraseña-equivocada" not in stored
    assert PASSWORD not in stored


def test_an_overlong_correlation_header_cannot_break_log_in(world, client):
    response = log_in(client, world.teacher_a1.username, HTTP_X_CORRELATION_ID="x" * 300)
    assert response.status_code == 302


def test_a_malformed_forwarded_for_header_cannot_break_log_in(world, client):
    response = log_in(client, world.teacher_a1.username, HTTP_X_FORWARDED_FOR="no-es-una-ip")
    assert response.status_code == 302


def test_a_client_cannot_choose_the_address_recorded_in_the_audit_log(world, client):
    log_in(client, world.teacher_a1.username, HTTP_X_FORWARDED_FOR="203.0.113.66")
    assert _events(world.teacher_a1)[-1].remote_addr == "127.0.0.1"


def test_new_accounts_hash_passwords_with_argon2_in_production_settings():
    # The suite hashes with MD5 for speed (tests/conftest.py); production does not.
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert not any("MD5" in hasher for hasher in project_settings.PASSWORD_HASHERS)


def test_log_in_issues_a_fresh_session_key(world, client):
    # Session fixation: a key planted before log-in must not become an account's session.
    session = client.session
    session["idioma"] = "es-mx"
    session.save()
    planted = client.cookies["sessionid"].value

    log_in(client, world.teacher_a1.username)

    assert client.cookies["sessionid"].value != planted
    assert signed_in(client)
