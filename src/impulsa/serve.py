"""`make serve`: the demo's web server, plus a Celery worker when REDIS_URL is set.

A small launcher rather than a shell line so that the end of the demo is handled in
one place: Ctrl+C (SIGINT to the whole terminal group) or SIGTERM stops the children,
and then, when the embedded PostgreSQL is in use (no DATABASE_URL), stops it too;
`pgserver` runs it detached, so nothing else would.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent
# After Ctrl+C, how long a child may take to finish before it is killed: a server
# caught respawning a worker may otherwise never exit, and PostgreSQL would stay up.
STOP_SECONDS = 20


def _commands(host: str, port: str) -> list[list[str]]:
    web = [
        str(BIN / "granian"),
        "--interface", "wsgi",
        "--host", host,
        "--port", port,
        "--workers", "2",
        "--blocking-threads", "4",
        "--no-ws",
        "impulsa.wsgi:application",
    ]  # fmt: skip
    if not os.environ.get("REDIS_URL"):
        return [web]
    # --beat: the periodic tasks (settings.CELERY_BEAT_SCHEDULE) run in the one worker.
    worker = [str(BIN / "celery"), "-A", "impulsa", "worker", "--beat", "--loglevel=warning"]
    return [web, [*worker, "--concurrency=2"]]


def _start_embedded_database() -> None:
    """Start the embedded PostgreSQL here, once: two web workers starting it at the same
    time on a fresh data folder race in initdb and one of them dies."""
    from impulsa import embedded_db

    embedded_db.ensure_database(embedded_db.database_settings())


def _stop(children: list[subprocess.Popen], deadline: float) -> None:
    for child in children:
        try:
            child.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()


def main() -> int:
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    embedded = not os.environ.get("DATABASE_URL")
    children: list[subprocess.Popen] = []
    stopping: list[float] = []  # the deadline, once a stop signal arrived

    def forward(signum, frame):
        if not stopping:
            stopping.append(time.monotonic() + STOP_SECONDS)
        for child in children:
            if child.poll() is None:
                child.send_signal(signum)

    signal.signal(signal.SIGINT, forward)
    signal.signal(signal.SIGTERM, forward)
    if embedded:
        _start_embedded_database()
    # Each child in a process group of its own: Ctrl+C reaches only this launcher,
    # which passes it on exactly once (a second SIGINT makes some servers hurry).
    # The commands are fixed here; only HOST and PORT come from the environment.
    for command in _commands(host, port):
        children.append(subprocess.Popen(command, process_group=0))  # noqa: S603
    print(f"Impulsa: http://{host}:{port}  (Ctrl+C para detener)", flush=True)
    try:
        while children[0].poll() is None and not (stopping and time.monotonic() > stopping[0]):
            time.sleep(0.2)
    finally:
        for child in children:
            if child.poll() is None and not stopping:
                child.terminate()
        _stop(children, stopping[0] if stopping else time.monotonic() + STOP_SECONDS)
        if embedded:
            from impulsa import embedded_db

            if embedded_db.stop():
                print("PostgreSQL embebido detenido.", flush=True)
    return children[0].returncode or 0


if __name__ == "__main__":
    sys.exit(main())
