"""Shared fixtures: a small institution tree and the three users every app tests with.

`world.alice` is a campus admin of campus A1 (in scope), `world.bob` the admin of
sibling campus A2 (same state), `world.charlie` the admin of campus B1 (another
state). Each campus has a career, a group and one student.
"""

import os
import shutil
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from impulsa.assessment.answering import published_versions_cache
from impulsa.celery import app as celery_app
from impulsa.learning.content import pages as content_pages
from impulsa.learning.publishing import version_cache as published
from impulsa.org import access, tree_cache
from impulsa.org.roles import Kind, Role
from impulsa.settings import REPO_DIR
from tests.factories import (
    PASSWORD,
    CareerFactory,
    GroupFactory,
    InstitutionFactory,
    MembershipFactory,
    PeriodFactory,
    StudentProfileFactory,
    UserFactory,
    make_curp,
)

# Under pytest-xdist each worker is a process with its own database (pytest-django adds
# the worker's suffix); what the workers would otherwise share (files, Redis keys, the
# channel layer, the Celery queue) is named after the process or worker too, so parallel
# workers, and suites of several checkouts on one machine, never touch each other's data.
PROCESS_TAG = f"test-{os.getpid()}"
TEST_PRIVATE_DIR = REPO_DIR / ".data" / f"test-private-{os.getpid()}"
TEST_MEDIA_DIR = REPO_DIR / ".data" / f"test-media-{os.getpid()}"
TEST_BACKUP_DIR = REPO_DIR / ".data" / f"test-backups-{os.getpid()}"
TEST_SETTINGS = {
    # Hashing with Argon2 on every factory user would dominate the suite's time;
    # tests/accounts/test_security.py checks that production settings use Argon2.
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    # The default storage follows MEDIA_ROOT (tests that need a clean one set their own).
    "MEDIA_ROOT": str(TEST_MEDIA_DIR),
    # Sessions in the cache, as in production (Redis), whether or not this machine
    # has REDIS_URL: with database sessions every request costs one more query, and
    # the query-count tests would pass or fail depending on the machine.
    "SESSION_ENGINE": "django.contrib.sessions.backends.cache",
    # The browser tests' live server finds static files through the finders.
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(TEST_PRIVATE_DIR), "base_url": None},
        },
        "backups": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(TEST_BACKUP_DIR), "base_url": None},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
}


def pytest_collection_modifyitems(items):
    """Browser journeys (and anything else on a live server) run together on one xdist
    worker (`--dist loadgroup`): they share the session's Chromium, and a second
    Chromium and live server per worker would cost more than it saves on two cores."""
    for item in items:
        if "live_server" in item.fixturenames or item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session", autouse=True)
def _test_settings():
    from django.conf import settings

    caches = {alias: dict(conf) for alias, conf in settings.CACHES.items()}
    if not settings.REDIS_URL:
        # Each test process needs no cache shared with another: local memory keeps
        # cache reads out of the query-count tests (the demo's shared table would add queries).
        caches["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    # A prefix of our own so a demo or another test process sharing the same Redis keeps
    # its keys (`_fresh_cache` deletes only ours).
    caches["default"]["KEY_PREFIX"] = PROCESS_TAG
    layers = {alias: dict(conf) for alias, conf in settings.CHANNEL_LAYERS.items()}
    if "CONFIG" in layers["default"]:
        layers["default"]["CONFIG"] = {**layers["default"]["CONFIG"], "prefix": PROCESS_TAG}
    # Tasks sent by one xdist worker must be consumed by that worker's Celery worker only
    # (named per xdist worker, not per process: Redis keeps a binding per queue name).
    celery_app.conf.task_default_queue = f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    with override_settings(CACHES=caches, CHANNEL_LAYERS=layers, **TEST_SETTINGS):
        yield
    for folder in (TEST_PRIVATE_DIR, TEST_MEDIA_DIR, TEST_BACKUP_DIR):
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    yield
    tree_cache.forget()
    published.forget()
    published_versions_cache.forget()
    content_pages.forget()
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()


@dataclass
class World:
    national: object
    state_a: object
    state_b: object
    campus_a1: object
    campus_a2: object
    campus_b1: object
    alice: object  # campus admin, A1
    bob: object  # campus admin, A2 (sibling)
    charlie: object  # campus admin, B1 (other state)
    state_admin_a: object
    national_admin: object
    teacher_a1: object
    student_a1: object
    student_a2: object
    student_b1: object
    career_a1: object
    group_a1: object
    designer: object  # content designer at the national office (catalog courses)
    designer_b: object  # content designer of state B (its own dual courses)


def _admin(username, institution, role):
    user = UserFactory(username=username)
    MembershipFactory(user=user, institution=institution, role=role)
    return user


def _student(username, campus, career, group, seed):
    user = UserFactory(username=username, curp=make_curp(seed))
    MembershipFactory(user=user, institution=campus, role=Role.STUDENT)
    StudentProfileFactory(user=user, campus=campus, career=career, group=group, matricula=username)
    return user


@pytest.fixture
def world(db) -> World:
    national = InstitutionFactory(kind=Kind.NATIONAL, code="CONALEP", name="CONALEP Nacional")
    state_a = InstitutionFactory(
        kind=Kind.STATE, parent=national, code="JAL", name="CONALEP Jalisco"
    )
    state_b = InstitutionFactory(
        kind=Kind.STATE, parent=national, code="MEX", name="CONALEP Estado de México"
    )
    campus_a1 = InstitutionFactory(parent=state_a, code="14DPT0001A", name="Plantel Guadalajara I")
    campus_a2 = InstitutionFactory(parent=state_a, code="14DPT0002B", name="Plantel Zapopan")
    campus_b1 = InstitutionFactory(parent=state_b, code="15DPT0001C", name="Plantel Toluca")
    period = PeriodFactory()
    careers = {
        c: CareerFactory(campus=c, code="INFO", name="Informática")
        for c in (campus_a1, campus_a2, campus_b1)
    }
    groups = {
        c: GroupFactory(campus=c, period=period, career=careers[c], name="101") for c in careers
    }
    return World(
        national=national,
        state_a=state_a,
        state_b=state_b,
        campus_a1=campus_a1,
        campus_a2=campus_a2,
        campus_b1=campus_b1,
        alice=_admin("alice", campus_a1, Role.CAMPUS_ADMIN),
        bob=_admin("bob", campus_a2, Role.CAMPUS_ADMIN),
        charlie=_admin("charlie", campus_b1, Role.CAMPUS_ADMIN),
        state_admin_a=_admin("estatal_jal", state_a, Role.STATE_ADMIN),
        national_admin=_admin("nacional", national, Role.NATIONAL_ADMIN),
        teacher_a1=_admin("docente_a1", campus_a1, Role.TEACHER),
        student_a1=_student("2614001", campus_a1, careers[campus_a1], groups[campus_a1], 1),
        student_a2=_student("2614002", campus_a2, careers[campus_a2], groups[campus_a2], 2),
        student_b1=_student("2615001", campus_b1, careers[campus_b1], groups[campus_b1], 3),
        career_a1=careers[campus_a1],
        group_a1=groups[campus_a1],
        designer=_admin("disenador", national, Role.CONTENT_DESIGNER),
        designer_b=_admin("disenador_mex", state_b, Role.CONTENT_DESIGNER),
    )


def verified_client(client, user):
    """Log `user` in through the real log-in page, then confirm a TOTP code when the
    role requires two-factor authentication (as a person with an authenticator would)."""
    response = client.post("/cuenta/entrar/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "log-in failed"
    access.forget(user)
    if access.requires_two_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="prueba", confirmed=True)
        # A code is accepted once per 30 s window; tests may sign the same person in twice.
        device.last_t = -1
        device.save(update_fields=["last_t"])
        response = client.post("/cuenta/verificacion/", {"token": current_token(device)})
        assert response.status_code == 302, "2FA verification failed"
    return client


def api_token(user) -> str:
    """An API token for `user` as /api/v1/auth/token/ would issue it: marked verified
    when the role requires two-factor authentication (as after a TOTP code)."""
    from knox.models import AuthToken

    from impulsa.accounts.signin.gates import VERIFIED_TOKEN_PREFIX

    access.forget(user)
    prefix = VERIFIED_TOKEN_PREFIX if access.requires_two_factor(user) else None
    _instance, token = AuthToken.objects.create(user, prefix=prefix)
    return token


def current_token(device) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


@pytest.fixture
def login(client):
    """`login(user)` returns the test client signed in as that user, 2FA done."""

    def _login(user):
        client.logout()
        return verified_client(client, user)

    return _login
