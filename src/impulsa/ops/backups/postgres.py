"""pg_dump and pg_restore for a database given by Django's settings for it.

pg_dump refuses a server newer than itself, and the machines differ: the embedded
PostgreSQL (pgserver) ships its own client tools in its package, a CI or production
machine has the distribution's (/usr/lib/postgresql/<major>/bin, or PATH), a container
may name them with PG_BIN_DIR. Every candidate is asked its version; the first of the
server's own major version wins, else the oldest newer one.
"""

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

import psycopg


class PostgresToolError(Exception):
    """pg_dump or pg_restore is missing or failed (the message is safe to log)."""


def connection_env(database: dict) -> dict:
    """libpq's environment for Django database settings (the password never in argv)."""
    values = {
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGDATABASE": database["NAME"],
    }
    return {**os.environ, **{k: v for k, v in values.items() if v}}


def server_major(database: dict) -> int:
    env = connection_env(database)
    with psycopg.connect(
        dbname=env["PGDATABASE"],
        host=env.get("PGHOST"),
        port=env.get("PGPORT"),
        user=env.get("PGUSER"),
        password=env.get("PGPASSWORD"),
    ) as conn:
        return int(conn.execute("SHOW server_version_num").fetchone()[0]) // 10000


def _candidate_dirs() -> list[Path]:
    dirs = [Path(os.environ["PG_BIN_DIR"])] if os.environ.get("PG_BIN_DIR") else []
    try:
        import pgserver

        dirs.append(Path(pgserver.__file__).parent / "pginstall" / "bin")
    except ImportError:
        pass
    dirs.extend(Path(d) for d in glob.glob("/usr/lib/postgresql/*/bin"))
    dirs.extend(Path(p).parent for p in filter(None, [shutil.which("pg_dump")]))
    return dirs


def _major_of(tool: Path) -> int | None:
    try:
        out = subprocess.run(  # noqa: S603 - a PostgreSQL client binary, no shell
            [str(tool), "--version"], capture_output=True, text=True, timeout=10, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\) (\d+)", out)
    return int(match.group(1)) if match else None


def find_tool(name: str, major: int) -> Path:
    """The `name` binary (pg_dump, pg_restore) fit for a server of version `major`."""
    found = {}
    for folder in _candidate_dirs():
        tool = folder / name
        if tool.is_file() and (version := _major_of(tool)) and version >= major:
            found.setdefault(version, tool)
    if not found:
        raise PostgresToolError(
            f"No se encontró {name} de PostgreSQL {major} o más reciente "
            "(instala postgresql-client o indica PG_BIN_DIR)."
        )
    return found[min(found)]


def _run(args: list[str], database: dict, timeout: int) -> None:
    result = subprocess.run(  # noqa: S603 - fixed PostgreSQL client arguments, no shell
        args, env=connection_env(database), capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        # The tools' stderr names objects and SQL, not row data.
        raise PostgresToolError(f"{Path(args[0]).name} falló: {result.stderr.strip()[-500:]}")


def dump(database: dict, target: Path, *, timeout: int = 6 * 3600) -> None:
    """A custom-format (-Fc) dump of the whole database into `target`."""
    tool = find_tool("pg_dump", server_major(database))
    _run([str(tool), "-Fc", "--no-owner", "--no-privileges", "-f", str(target)], database, timeout)


def restore(database: dict, source: Path, *, timeout: int = 6 * 3600) -> None:
    """Replace the database's objects by the dump's, in one transaction: a restore that
    fails half way leaves the database as it was."""
    tool = find_tool("pg_restore", server_major(database))
    args = [str(tool), "--clean", "--if-exists", "--no-owner", "--no-privileges"]
    args += ["--single-transaction", "--exit-on-error", "-d", database["NAME"], str(source)]
    _run(args, database, timeout)
