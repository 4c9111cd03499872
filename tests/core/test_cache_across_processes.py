"""A change made through one server process counts at the next request through another.

Two real server processes (runserver, no autoreload, no threads) serve the test
database; each keeps its own per-process caches (core/cache_versions.py). Sessions
are written to the database, which both processes read.
"""

import http.client
import os
import socket
import subprocess
import sys
import time
from importlib import import_module

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from impulsa.org import services
from impulsa.org.models import Membership
from impulsa.org.roles import Role
from impulsa.settings import REPO_DIR
from tests.factories import MembershipFactory

STARTUP_SECONDS = 120
CSRF = "c" * 32  # sent as cookie and header, as a browser would


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self):
        self.port = _free_port()
        database = connection.settings_dict
        env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL",)}
        env.update(
            DATABASE_URL=f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}",
            DEBUG="false",
            RATELIMIT_ENABLE="false",
            LOG_LEVEL="WARNING",
        )
        command = [sys.executable, str(REPO_DIR / "manage.py"), "runserver", "--noreload"]
        self.process = subprocess.Popen(
            [*command, "--nothreading", "--skip-checks", f"127.0.0.1:{self.port}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def wait(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the server stopped"
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.2)
        pytest.fail("the server did not start")

    def request(self, method: str, path: str, session: str, body: str = "") -> int:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=STARTUP_SECONDS)
        headers = {"Cookie": f"sessionid={session}; csrftoken={CSRF}", "X-CSRFToken": CSRF}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            return conn.getresponse().status
        finally:
            conn.close()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture
def servers(transactional_db):
    pair = (Server(), Server())
    try:
        for server in pair:
            server.wait()
        yield pair
    finally:
        for server in pair:
            server.stop()


def _session(user) -> str:
    """A signed-in session with a confirmed authenticator, stored in the database."""
    device = TOTPDevice.objects.create(user=user, name="prueba", confirmed=True)
    store = import_module("django.contrib.sessions.backends.db").SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "impulsa.accounts.signin.authentication.CachedModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return store.session_key


def test_a_role_removed_through_one_process_is_refused_at_once_by_the_other(servers, world):
    first, second = servers
    admin, alice = _session(world.state_admin_a), _session(world.alice)
    # A person's last role cannot be removed: she also teaches at the sibling campus.
    MembershipFactory(user=world.alice, institution=world.campus_a2, role=Role.TEACHER)
    campus_page = f"/instituciones/{world.campus_a1.pk}/"
    assert second.request("GET", campus_page, alice) == 200  # now in the second's cache

    membership = Membership.objects.get(user=world.alice, role=Role.CAMPUS_ADMIN)
    revoked = first.request("POST", f"/personas/roles/{membership.pk}/retirar/", admin, "x=1")

    assert revoked == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert second.request("GET", campus_page, alice) in (403, 404)


def test_a_role_granted_through_one_process_counts_at_once_in_the_other(servers, world):
    first, second = servers
    admin, alice = _session(world.state_admin_a), _session(world.alice)
    sibling_page = f"/instituciones/{world.campus_a2.pk}/"
    assert second.request("GET", sibling_page, alice) in (403, 404)

    granted = first.request(
        "POST",
        f"/personas/{world.alice.pk}/roles/nuevo/",
        admin,
        f"institution={world.campus_a2.pk}&role={Role.CAMPUS_ADMIN}",
    )

    assert granted == 302
    assert second.request("GET", sibling_page, alice) == 200


def test_a_campus_deactivated_elsewhere_refuses_its_admin_at_the_next_request(servers, world):
    first, second = servers
    alice = _session(world.alice)
    campus_page = f"/instituciones/{world.campus_a1.pk}/"
    assert first.request("GET", campus_page, alice) == 200
    assert second.request("GET", campus_page, alice) == 200

    # This test's own process is a third one.
    services.update_institution(
        actor=world.state_admin_a, institution=world.campus_a1, is_active=False
    )

    assert first.request("GET", campus_page, alice) in (403, 404)
    assert second.request("GET", campus_page, alice) in (403, 404)
