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
from pathlib import Path

BIN = Path(sys.executable).parent


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
    worker = [str(BIN / "celery"), "-A", "impulsa", "worker", "--loglevel=warning"]
    return [web, [*worker, "--concurrency=2"]]


def main() -> int:
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    children: list[subprocess.Popen] = []

    def forward(signum, frame):
        for child in children:
            if child.poll() is None:
                child.send_signal(signum)

    signal.signal(signal.SIGINT, forward)
    signal.signal(signal.SIGTERM, forward)
    # Each child in a process group of its own: Ctrl+C reaches only this launcher,
    # which passes it on exactly once (a second SIGINT makes some servers hurry).
    # The commands are fixed here; only HOST and PORT come from the environment.
    for command in _commands(host, port):
        children.append(subprocess.Popen(command, process_group=0))  # noqa: S603
    print(f"Impulsa: http://{host}:{port}  (Ctrl+C para detener)", flush=True)
    try:
        status = children[0].wait()
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
            child.wait()
        if not os.environ.get("DATABASE_URL"):
            from impulsa import embedded_db

            if embedded_db.stop():
                print("PostgreSQL embebido detenido.", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
