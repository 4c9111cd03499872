"""A scratch PostgreSQL database beside the test database, for the restore drill.

The drill backs up, wipes and restores a whole database; doing that to the test
database in use would pull it from under the test, so the drill works on a copy.
The copy is made with plain-SQL pg_dump piped into psql, a path apart from the
custom-format dump and pg_restore under test; CREATE DATABASE ... TEMPLATE would be
faster but refuses while any other session (a live server's thread) is connected.
"""

import subprocess
import uuid
from contextlib import contextmanager
from urllib.parse import quote

import psycopg
from django.db import connection
from psycopg import sql

from impulsa.ops.backups import postgres


def _admin(settings: dict):
    return psycopg.connect(
        dbname="postgres",
        host=settings.get("HOST") or None,
        port=settings.get("PORT") or None,
        user=settings.get("USER") or None,
        password=settings.get("PASSWORD") or None,
        autocommit=True,
    )


def database_url(settings: dict) -> str:
    user = quote(settings.get("USER") or "")
    password = f":{quote(settings['PASSWORD'])}" if settings.get("PASSWORD") else ""
    host = quote(settings.get("HOST") or "", safe="")
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{settings['NAME']}"


def row_counts(settings: dict) -> dict[str, int]:
    """Rows of every table in the database's public schema."""
    with psycopg.connect(
        dbname=settings["NAME"],
        host=settings.get("HOST") or None,
        port=settings.get("PORT") or None,
        user=settings.get("USER") or None,
        password=settings.get("PASSWORD") or None,
    ) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        return {
            table: conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()[0]
            for table in tables
        }


def recreate_empty(settings: dict) -> None:
    """Drop the database and create it again, empty (the drill's wipe)."""
    with _admin(settings) as conn:
        name = sql.Identifier(settings["NAME"])
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


@contextmanager
def copy_of_test_database():
    """Settings of a fresh copy of the test database (with everything committed in
    it), dropped on exit."""
    source = connection.settings_dict
    copy = {**source, "NAME": f"{source['NAME']}_drill_{uuid.uuid4().hex[:8]}"}
    recreate_empty(copy)
    major = postgres.server_major(source)
    dump = subprocess.Popen(
        [str(postgres.find_tool("pg_dump", major)), "--no-owner", "--no-privileges"],
        env=postgres.connection_env(source),
        stdout=subprocess.PIPE,
    )
    subprocess.run(
        [str(postgres.find_tool("psql", major)), "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null"],
        env=postgres.connection_env(copy),
        stdin=dump.stdout,
        check=True,
        timeout=300,
    )
    dump.stdout.close()
    assert dump.wait(timeout=300) == 0
    try:
        yield copy
    finally:
        with _admin(source) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(copy["NAME"])
                )
            )
