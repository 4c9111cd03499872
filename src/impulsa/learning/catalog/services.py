"""The official course catalog (catalog/*.csv, copied from CONALEP's lists) as Course
rows owned by the national office. Loading is idempotent: it creates what is
missing and updates names, never deletes."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from impulsa.learning.models import Course, Program
from impulsa.org.api import Institution, Kind

CATALOG_DIR = Path(__file__).parent


@dataclass(frozen=True)
class CatalogCourse:
    program: str
    code: str
    number: int
    name: str
    semester: int | None
    area: str


def _rows(filename: str):
    with (CATALOG_DIR / filename).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def entries() -> list[CatalogCourse]:
    propedeutico = [
        CatalogCourse(
            Program.PROPEDEUTICO, f"prope-{row['number']}", int(row["number"]), row["name"],
            None, row["area"],
        )
        for row in _rows("propedeutico_courses.csv")
    ]  # fmt: skip
    asesorias = [
        CatalogCourse(
            Program.ASESORIAS, f"ases-{row['number']}", int(row["number"]), row["name"],
            int(row["semester"]), "",
        )
        for row in _rows("asesorias_courses.csv")
    ]  # fmt: skip
    return propedeutico + asesorias


@transaction.atomic
def load() -> int:
    """Create or update every catalog course; returns how many were created."""
    national = Institution.objects.get(kind=Kind.NATIONAL)
    created = 0
    for entry in entries():
        _, was_created = Course.objects.update_or_create(
            code=entry.code,
            defaults={
                "program": entry.program,
                "institution": national,
                "number": entry.number,
                "name": entry.name,
                "semester": entry.semester,
                "area": entry.area,
            },
        )
        created += was_created
    return created
