"""Real server processes for tests that cross process boundaries: runserver (no
autoreload, no threads) on the test database, and signed-in sessions stored where
every process reads them."""

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

from impulsa.settings import REPO_DIR

STARTUP_SECONDS = 120
CSRF = "c" * 32  # sent as cookie and header, as a browser would


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self):
        self.port = free_port()
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
        return self.exchange(method, path, session, body)[0]

    def exchange(
        self, method: str, path: str, session: str, body: str = "", *, cookies="", headers=None
    ) -> tuple[int, bytes]:
        """Status and body of one request with the session (and more cookies/headers)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=STARTUP_SECONDS)
        cookie = f"sessionid={session}; csrftoken={CSRF}" + (f"; {cookies}" if cookies else "")
        sent = {"Cookie": cookie, "X-CSRFToken": CSRF, **(headers or {})}
        if body:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)

    def kill(self) -> None:
        """SIGKILL: no shutdown of any kind, as when a machine loses power."""
        self.process.kill()
        self.process.wait(timeout=20)


def signed_in_session(user) -> str:
    """A signed-in session with a confirmed authenticator, stored in the database."""
    device = TOTPDevice.objects.create(user=user, name="prueba", confirmed=True)
    store = import_module("django.contrib.sessions.backends.db").SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "impulsa.accounts.signin.authentication.CachedModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return store.session_key
