"""A private PostgreSQL for laptops and the demo, used only when DATABASE_URL is unset.

pgserver ships PostgreSQL binaries on PyPI, so a fresh machine needs no database
server installed; the data folder lives under the repository and is ignored by git.
The server keeps running between commands (cleanup_mode=None) so that `migrate`,
`seed_demo` and the web server share it.
"""

import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

DATA_DIR = Path(__file__).resolve().parents[2] / ".data" / "pg"


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
