"""A private PostgreSQL for laptops and the demo, used only when DATABASE_URL is unset.

pgserver ships PostgreSQL binaries on PyPI, so a fresh machine needs no database
server installed; the data folder lives under the repository and is ignored by git.
The server keeps running between commands (cleanup_mode=None) so that `migrate`,
`seed_demo` and the web server share it; the demo's launcher (impulsa.serve) calls
`stop()` when the web server ends, so Ctrl+C leaves no PostgreSQL behind.
"""

import os
import signal
import time
import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

# EMBEDDED_PG_DIR lets a test (or a second checkout) use a data folder of its own.
DATA_DIR = Path(
    os.environ.get("EMBEDDED_PG_DIR") or Path(__file__).resolve().parents[2] / ".data" / "pg"
)


def database_settings() -> dict:
    # pgserver asks platformdirs for a runtime folder; its fallback warning is noise.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    import pgserver

    DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(DATA_DIR, cleanup_mode=None)
    uri = urlsplit(server.get_uri())
    socket_dir = parse_qs(uri.query)["host"][0]
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "impulsa",
        "USER": uri.username or "postgres",
        "HOST": socket_dir,
        "PORT": "",
    }


def ensure_database(settings: dict) -> None:
    """Create the application database inside the embedded server on first use."""
    import psycopg

    with psycopg.connect(
        dbname="postgres", user=settings["USER"], host=settings["HOST"], autocommit=True
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{settings["NAME"]}"')


def postmaster_pid(data_dir: Path = DATA_DIR) -> int | None:
    """The running server's process id (first line of postmaster.pid), if any."""
    try:
        pid = int((data_dir / "postmaster.pid").read_text().split("\n", 1)[0])
    except (FileNotFoundError, ValueError):
        return None
    # A negative id is initdb's single-user backend, not a server.
    return pid if pid > 0 and _alive(pid) else None


def stop(data_dir: Path = DATA_DIR, wait_seconds: float = 30.0) -> bool:
    """Stop the embedded server of `data_dir`; True if one was running.

    SIGINT is PostgreSQL's "fast" shutdown (sessions are ended, data is flushed);
    only if that does not finish in time do we ask for the immediate one (SIGQUIT).
    """
    pid = postmaster_pid(data_dir)
    if pid is None:
        return False
    for sig in (signal.SIGINT, signal.SIGQUIT):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return True
        deadline = time.monotonic() + wait_seconds
        while time.monotonic() < deadline:
            if not _alive(pid):
                return True
            time.sleep(0.1)
    return True


def _alive(pid: int) -> bool:
    # psutil comes with pgserver; a zombie (exited, not yet reaped) counts as gone.
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
