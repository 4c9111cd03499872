"""Bounded work: what a hostile file or answer costs a worker, against an honest one.

1. Student import: refusing a 5 KB XLSX that declares row 6,000,000 (openpyxl
   alone walked empty rows for 36 s) vs reading an honest 60-row workbook.
2. Scoring: a short answer whose item holds the allowed maximum of catastrophic
   regular expressions vs one plain answer; the whole call shares one time budget.

Needs no database: `.venv/bin/python bench/bounds_bench.py`.
"""

import io
import os
import re
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impulsa.settings")

import django

django.setup()

from openpyxl import Workbook  # noqa: E402

from impulsa.accounts.imports import columns, reading  # noqa: E402
from impulsa.assessment import itemtypes  # noqa: E402
from impulsa.assessment.itemtypes import budget  # noqa: E402
from impulsa.assessment.itemtypes.short_answer import scoring as short_answer  # noqa: E402
from impulsa.core.errors import DomainError  # noqa: E402

CATASTROPHIC = "(a|aa)+$"  # exponential backtracking on "aaa…b"
HOSTILE_RESPONSE = "a" * 40 + "b"


def _workbook(rows: int) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append([column.key for column in columns.COLUMNS])
    for _ in range(rows):  # the template's example row: reading does not validate rows
        sheet.append([str(column.example) for column in columns.COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _far_row_bomb() -> bytes:
    """An honest workbook whose sheet gains one cell on row 6,000,000."""
    source = zipfile.ZipFile(io.BytesIO(_workbook(1)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for part in source.infolist():
            data = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                far = b'<row r="6000000"><c r="A6000000" t="inlineStr"><is><t>x</t></is></c></row>'
                data = re.sub(rb"</sheetData>", far + b"</sheetData>", data)
            bomb.writestr(part, data)
    return out.getvalue()


def _best_of(runs: int, call) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def _refuse(content: bytes) -> None:
    try:
        reading.read_rows(content, name="bomba.xlsx")
    except DomainError:
        return
    raise SystemExit("the far-row workbook was not refused")


def imports() -> None:
    honest, bomb = _workbook(60), _far_row_bomb()
    read = _best_of(5, lambda: reading.read_rows(honest, name="alumnos.xlsx"))
    refuse = _best_of(5, lambda: _refuse(bomb))
    print(f"import: honest 60-row XLSX read in {read * 1000:.1f} ms ({len(honest)} bytes)")
    print(f"import: far-row XLSX ({len(bomb)} bytes) refused in {refuse * 1000:.1f} ms")
    print(f"import: refusal / honest read = {refuse / read:.2f}")


def scoring() -> None:
    plain = {
        "answers": [{"text": "producto", "fraction": "1", "feedback": "", "regex": False}],
        "case_sensitive": False,
    }
    hostile = {
        "answers": [
            {"text": CATASTROPHIC, "fraction": "1", "feedback": "", "regex": True}
            for _ in range(short_answer.MAX_REGEX_ANSWERS)
        ],
        "case_sensitive": False,
    }
    honest = _best_of(20, lambda: itemtypes.score("short_answer", plain, "producto"))
    worst = _best_of(3, lambda: itemtypes.score("short_answer", hostile, HOSTILE_RESPONSE))
    print(f"scoring: plain short answer {honest * 1e6:.0f} µs")
    print(
        f"scoring: {short_answer.MAX_REGEX_ANSWERS} catastrophic patterns "
        f"{worst * 1000:.0f} ms (budget per call: {budget.SCORING_BUDGET_SECONDS * 1000:.0f} ms)"
    )
    print(f"scoring: hostile / plain = {worst / honest:.0f}")


if __name__ == "__main__":
    imports()
    scoring()
