"""`make serve` (impulsa.serve) stops the embedded PostgreSQL when the demo ends.

The launcher is started the way `make demo` starts it, but with a data folder and a
port of its own; Ctrl+C is imitated by SIGINT to its process group, as a terminal does.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from impulsa import embedded_db

# Generous: a fresh data folder runs initdb, and two granian workers load Django.
STARTUP_SECONDS = 120


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int) -> bool:
    """Any HTTP answer: granian listens before its workers have loaded Django, and a
    signal in between is not the case we test."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=STARTUP_SECONDS)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status > 0
    except OSError:
        return False
    finally:
        connection.close()


def _wait_until_serving(proc, port: int, data_dir) -> int:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stdout.read()
        pid = embedded_db.postmaster_pid(data_dir)
        if pid and _answers(port):
            return pid
        time.sleep(0.2)
    pytest.fail("the demo server did not start")


def test_ctrl_c_on_the_demo_server_stops_the_embedded_postgresql(tmp_path):
    data_dir = tmp_path / "pg"
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(EMBEDDED_PG_DIR=str(data_dir), HOST="127.0.0.1", PORT=str(port))
    proc = subprocess.Popen(
        [sys.executable, "-m", "impulsa.serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        postmaster = _wait_until_serving(proc, port, data_dir)
        os.killpg(proc.pid, signal.SIGINT)
        output, _ = proc.communicate(timeout=STARTUP_SECONDS)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        embedded_db.stop(data_dir)  # never leave a server behind, even on failure
    assert "PostgreSQL embebido detenido." in output
    assert not embedded_db._alive(postmaster)
    assert embedded_db.postmaster_pid(data_dir) is None


def test_stop_without_a_running_server_does_nothing(tmp_path):
    assert embedded_db.stop(tmp_path) is False


def test_the_embedded_postgresql_takes_every_migration(tmp_path):
    """`make demo` migrates the embedded PostgreSQL (pgserver), which ships no contrib
    extensions: no migration may need one."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["EMBEDDED_PG_DIR"] = str(tmp_path / "pg")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "django", "migrate", "--noinput", "-v0"],
            env={**env, "DJANGO_SETTINGS_MODULE": "impulsa.settings"},
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        embedded_db.stop(tmp_path / "pg")
    assert result.returncode == 0, result.stderr[-3000:]
