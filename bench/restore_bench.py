"""Recovery time (RTO) at demo size: back up the demo database and its private files,
then restore them into an empty database with the operators' commands, timed.

Baseline in the same run: a bare `pg_dump -Fc` and `pg_restore` of the same database
(no encryption, no files, no checks), so the table shows what sealing and the file
archive cost on top of PostgreSQL's own tools.

    .venv/bin/python bench/restore_bench.py      (BENCH_DB, default impulsa_bench)
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import REPO, VENV_BIN, _create_database, _database_url, _manage

RESTORED_DB = os.environ.get("BENCH_DB", "impulsa_bench") + "_restored"


def _recreate(url: str) -> None:
    import psycopg

    admin = urlsplit(url)._replace(path="/postgres").geturl()
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _timed(env, *args) -> tuple[float, str]:
    started = time.monotonic()
    out = subprocess.run(
        [str(VENV_BIN / "python"), str(REPO / "manage.py"), *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return time.monotonic() - started, out.strip()


def _bare_baseline(env, url: str, restored_url: str, folder: Path) -> tuple[float, float]:
    sys.path.insert(0, str(REPO / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impulsa.settings")
    from impulsa.ops.backups import postgres

    source = _settings(url)
    dump = folder / "bare.dump"
    started = time.monotonic()
    postgres.dump(source, dump)
    dumped = time.monotonic() - started
    _recreate(restored_url)
    started = time.monotonic()
    postgres.restore(_settings(restored_url), dump)
    return dumped, time.monotonic() - started


def _settings(url: str) -> dict:
    parts = urlsplit(url)
    return {
        "NAME": parts.path.lstrip("/"),
        "HOST": parts.hostname or "",
        "PORT": parts.port or "",
        "USER": parts.username or "",
        "PASSWORD": parts.password or "",
    }


def main() -> None:
    url = _database_url()
    _create_database(url)
    restored_url = urlsplit(url)._replace(path=f"/{RESTORED_DB}").geturl()
    with tempfile.TemporaryDirectory(prefix="impulsa-rto-") as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "PYTHONPATH": str(REPO / "src"),
            "LOG_LEVEL": "WARNING",
            "BACKUP_DIR": str(Path(tmp) / "backups"),
        }
        _manage(env, "migrate", "--noinput")
        _manage(env, "seed_demo")
        backup_s, backup_out = _timed(env, "run_backup", "--no-prune")
        _recreate(restored_url)
        restore_s, restore_out = _timed(
            env, "restore_backup", "--latest", "--database-url", restored_url
        )
        bare_dump, bare_restore = _bare_baseline(env, url, restored_url, Path(tmp))
    print(f"backup: {backup_out}")
    print(f"restore: {restore_out}")
    print(f"{'step':<34}{'Impulsa (s)':>12}{'bare pg (s)':>12}{'ratio':>8}")
    for step, ours, bare in (
        ("back up (dump, seal, files)", backup_s, bare_dump),
        ("restore (open, check, restore)", restore_s, bare_restore),
    ):
        print(f"{step:<34}{ours:>12.1f}{bare:>12.1f}{ours / bare:>8.1f}")
    print(f"RTO at demo size (restore command, whole): {restore_s:.1f} s")


if __name__ == "__main__":
    main()
