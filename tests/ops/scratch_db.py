"""A scratch PostgreSQL database beside the test database, for the restore drill.

The drill backs up, wipes and restores a whole database; doing that to the test
database in use would pull it from under the test, so the drill works on a copy
(CREATE DATABASE ... TEMPLATE: PostgreSQL copies the files, a second at most).
"""

import uuid
from contextlib import contextmanager
from urllib.parse import quote

import psycopg
from django.db import connection, connections
from psycopg import sql


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
    connections.close_all()  # a template may have no other sessions
    with _admin(source) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(copy["NAME"]), sql.Identifier(source["NAME"])
            )
        )
    try:
        yield copy
    finally:
        with _admin(source) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(copy["NAME"])
                )
            )
