"""Student import benchmark: 10,000 rows through the real service, against COPY.

Run: `.venv/bin/python bench/import_bench.py` (also part of `make bench`). Uses
DATABASE_URL (or the embedded PostgreSQL) to create a throw-away database the way
the test runner does, and drops it at the end. It builds one campus with careers and
a current period, generates 10,000 valid rows (valid CURPs, realistic groups) and
runs `start_import` synchronously, as a large file would run in a Celery worker:

1. first import: every student is new (users, profiles, memberships, ~250 groups);
2. re-import of the same file: nothing changes;
3. re-import with every row changed (semester and group): every student is updated.

Baseline in the same run: PostgreSQL COPY of the same 10,000 rows into a temporary
table, the fastest way to put rows into the database. The brief asks for the first
import to finish in under a minute.
"""

import csv
import datetime
import io
import logging
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impulsa.settings")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from stdnum.mx import curp as stdnum_curp  # noqa: E402

from impulsa.accounts import curp as curp_rules  # noqa: E402
from impulsa.accounts.imports.columns import COLUMN_KEYS  # noqa: E402
from impulsa.accounts.imports.service import start_import, unchanged_count  # noqa: E402
from impulsa.accounts.models import ImportJob, User  # noqa: E402
from impulsa.org.api import (  # noqa: E402
    Role,
    create_career,
    create_institution,
    create_national_office,
    grant_first_national_admin,
    grant_membership,
    save_period,
)

ROWS = 10_000
LIMIT_SECONDS = 60
CAREERS = [
    ("INFO", "Informática"),
    ("CONT", "Contabilidad"),
    ("MECA", "Mecatrónica"),
    ("ENF", "Enfermería General"),
]
GROUP_SIZE = 40
FIRST_NAMES = ["María", "José", "Fernanda", "Luis", "Ximena", "Ángel", "Sofía", "Diego"]
SURNAMES = ["Hernández", "García", "Martínez", "López", "González", "Pérez", "Ramírez", "Núñez"]


def build_school():
    """National office -> Jalisco -> one campus with careers, a current period and admins."""
    office = create_national_office(code="CONALEP", name="CONALEP Nacional")
    national_admin = User.objects.create_user("bench.nacional")
    grant_first_national_admin(user=national_admin, office=office)
    state = create_institution(
        actor=national_admin, parent=office, code="JAL", name="CONALEP Jalisco"
    )
    campus = create_institution(
        actor=national_admin, parent=state, code="14DPT0001A", name="Plantel Guadalajara I"
    )
    for code, name in CAREERS:
        create_career(actor=national_admin, campus=campus, code=code, name=name)
    save_period(
        actor=national_admin,
        code="2026-2",
        starts_on=datetime.date(2026, 8, 24),
        ends_on=datetime.date(2027, 1, 29),
        is_current=True,
    )
    campus_admin = User.objects.create_user("bench.plantel")
    grant_membership(
        actor=national_admin,
        user=campus_admin,
        institution=campus,
        role=Role.CAMPUS_ADMIN,
        first_role=True,
    )
    return campus, campus_admin


def unique_curps(count: int) -> list[str]:
    rng = random.Random(2026)
    consonants, vowels = "BCDFGHJKLMNPQRSTVXZ", "AEIOU"
    curps: set[str] = set()
    while len(curps) < count:
        birth = datetime.date(2008, 1, 1) + datetime.timedelta(days=rng.randrange(3 * 365))
        body = (
            rng.choice(consonants)
            + rng.choice(vowels)
            + rng.choice(consonants)
            + rng.choice(consonants)
            + birth.strftime("%y%m%d")
            + rng.choice("HM")
            + "JC"
            + "".join(rng.choice(consonants) for _ in range(3))
            + "A"
        )
        value = body + stdnum_curp.calc_check_digit(body)
        try:
            curp_rules.validate(value)
        except curp_rules.DomainError:
            continue
        curps.add(value)
    return sorted(curps)


def generate_rows(count: int) -> list[list[str]]:
    rng = random.Random(7)
    rows = []
    for index, curp in enumerate(unique_curps(count)):
        career = CAREERS[index % len(CAREERS)][0]
        semester = 1 + (index // len(CAREERS)) % 6
        group = f"{semester}{career[:2]}{index // (GROUP_SIZE * 24) + 1}"
        rows.append(
            [
                curp,
                f"2614{index:06d}",
                rng.choice(FIRST_NAMES),
                rng.choice(SURNAMES),
                rng.choice(SURNAMES),
                f"alumno{index}@example.mx",
                "14DPT0001A",
                career,
                str(semester),
                group,
            ]
        )
    return rows


def csv_file(rows: list[list[str]]) -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMN_KEYS)
    writer.writerows(rows)
    return SimpleUploadedFile("alumnos.csv", buffer.getvalue().encode("utf-8-sig"))


def timed_import(label: str, campus, actor, rows) -> float:
    upload = csv_file(rows)
    started = time.perf_counter()
    job = start_import(actor=actor, institution=campus, uploaded_file=upload)
    seconds = time.perf_counter() - started
    if job.status != ImportJob.Status.DONE:
        raise SystemExit(f"{label}: the import ended as {job.status}: {job.errors[:5]}")
    print(
        f"{label}: {len(rows):,} rows in {seconds:.2f} s = {len(rows) / seconds:,.0f} rows/s "
        f"(created {job.created_count:,}, updated {job.updated_count:,}, "
        f"unchanged {unchanged_count(job):,})"
    )
    return seconds


def copy_baseline(rows: list[list[str]]) -> float:
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_students (curp text, matricula text, nombre text, "
            "primer_apellido text, segundo_apellido text, correo text, clave_plantel text, "
            "carrera text, semestre smallint, grupo text)"
        )
        started = time.perf_counter()
        with cursor.copy("COPY bench_students FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        seconds = time.perf_counter() - started
        cursor.execute("SELECT count(*) FROM bench_students")
        assert cursor.fetchone()[0] == len(rows)
        cursor.execute("DROP TABLE bench_students")
    print(
        f"baseline, PostgreSQL COPY into a temporary table: {len(rows):,} rows in "
        f"{seconds:.3f} s = {len(rows) / seconds:,.0f} rows/s"
    )
    return seconds


def main() -> None:
    logging.getLogger("impulsa.imports").setLevel(logging.WARNING)
    creation = connection.creation
    original_name = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})
    connection.settings_dict["TEST"]["NAME"] = f"bench_import_{original_name}"
    private_dir = tempfile.mkdtemp(prefix="impulsa-import-bench-")
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": private_dir, "base_url": None},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        with override_settings(IMPORT_BACKGROUND_THRESHOLD=10**9, STORAGES=storages):
            campus, actor = build_school()
            rows = generate_rows(ROWS)
            print(f"rows: {len(rows):,} students of one campus, {len(CAREERS)} careers")
            first = timed_import("first import (all new)", campus, actor, rows)
            again = timed_import("re-import, same file (unchanged)", campus, actor, rows)
            changed = [[*row[:8], str(int(row[8]) % 6 + 1), f"X{row[9]}"] for row in rows]
            updated = timed_import("re-import, every row changed (updates)", campus, actor, changed)
            copy = copy_baseline(rows)
            print(f"first import / COPY: {first / copy:,.0f}x")
            print(f"re-import (unchanged) / COPY: {again / copy:,.0f}x")
            print(f"re-import (updates) / COPY: {updated / copy:,.0f}x")
            verdict = "yes" if first < LIMIT_SECONDS else "NO"
            print(f"first import under {LIMIT_SECONDS} s: {verdict} ({first:.1f} s)")
    finally:
        creation.destroy_test_db(original_name, verbosity=0)
        shutil.rmtree(private_dir, ignore_errors=True)
    if first >= LIMIT_SECONDS:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
