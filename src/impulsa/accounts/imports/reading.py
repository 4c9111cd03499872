"""Reading an uploaded student file into numbered rows of text.

CSV: UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or Windows-1252
(Excel on Windows in Mexico); comma, semicolon or tab, whichever the header line
uses most. XLSX: the first sheet, read with openpyxl in read-only mode. Line numbers
are the file's own (the header is usually line 1); empty lines are skipped.
"""

import codecs
import csv
import datetime
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from impulsa.accounts.imports import columns
from impulsa.core.errors import DomainError

EXTENSIONS = (".csv", ".xlsx")
MAX_FILE_BYTES = 20 * 1024 * 1024
# Columns past this are ignored: a file of students never needs more, and it keeps a
# sheet that claims thousands of columns from costing time.
MAX_COLUMNS = 60
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class RawRow:
    """One data line of the file: its line number and the text of each known column."""

    line: int
    values: dict[str, str]


def file_extension(name: str) -> str:
    """The file's extension when it is one we read; otherwise a DomainError."""
    extension = os.path.splitext(name or "")[1].lower()
    if extension in EXTENSIONS:
        return extension
    if extension == ".xls":
        message = _(
            "Los archivos .xls (Excel 97-2003) no se admiten. En Excel usa «Guardar como» "
            "y elige «Libro de Excel (.xlsx)» o «CSV UTF-8»."
        )
    else:
        message = _("Sube un archivo .csv o .xlsx.")
    raise DomainError(message, field="file")


def check_size(size: int | None) -> None:
    if size is not None and size > MAX_FILE_BYTES:
        raise DomainError(
            _("El archivo pesa más de %(mb)d MB; divídelo en varios archivos.")
            % {"mb": MAX_FILE_BYTES // (1024 * 1024)},
            field="file",
        )


def read_rows(content: bytes, *, name: str) -> list[RawRow]:
    """Every data row of the file, with the known columns mapped by its header.

    Raises DomainError (field "file") when the file cannot be read, lacks required
    columns, has no data rows or more than settings.IMPORT_MAX_ROWS.
    """
    check_size(len(content))
    reader = _xlsx_records if file_extension(name) == ".xlsx" else _csv_records
    records = reader(content)
    return _rows(records, max_rows=settings.IMPORT_MAX_ROWS)


def _rows(records: Iterable[tuple[int, list[str]]], *, max_rows: int) -> list[RawRow]:
    positions: dict[str, int] | None = None
    rows: list[RawRow] = []
    for line, raw_cells in records:
        cells = [_clean(cell) for cell in raw_cells[:MAX_COLUMNS]]
        if not any(cells):
            continue
        if positions is None:
            positions = columns.map_headers(cells)
            continue
        if len(rows) >= max_rows:
            raise DomainError(
                _(
                    "El archivo tiene más de %(max)s filas de alumnos. "
                    "Divídelo en archivos más pequeños."
                )
                % {"max": f"{max_rows:,}"},
                field="file",
            )
        width = len(cells)
        rows.append(
            RawRow(
                line=line,
                values={key: cells[i] if i < width else "" for key, i in positions.items()},
            )
        )
    if positions is None:
        raise DomainError(_("El archivo está vacío."), field="file")
    if not rows:
        raise DomainError(
            _("El archivo no tiene filas de alumnos debajo del encabezado."), field="file"
        )
    return rows


def _clean(value: str) -> str:
    # str.strip() also removes non-breaking spaces, which Excel exports often carry.
    return value.strip() if value else ""


# --- CSV ------------------------------------------------------------------------------


def _decode(content: bytes) -> str:
    if content.startswith(_ZIP_MAGIC):
        raise DomainError(
            _("El archivo parece un libro de Excel: súbelo con la extensión .xlsx."),
            field="file",
        )
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    elif content.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise DomainError(
        _(
            "No se reconoce la codificación del archivo. En Excel usa «Guardar como» y elige "
            "«CSV UTF-8 (delimitado por comas)»."
        ),
        field="file",
    )


def sniff_delimiter(text: str) -> str:
    """The delimiter the header line uses most: comma, semicolon or tab."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _csv_records(content: bytes) -> Iterator[tuple[int, list[str]]]:
    text = _decode(content)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    previous_line = 0
    try:
        for record in reader:
            # A quoted value may span lines: a record starts after the previous one ends.
            yield previous_line + 1, record
            previous_line = reader.line_num
    except csv.Error as exc:
        raise DomainError(
            _("No se pudo leer el CSV cerca de la línea %(line)d; revisa las comillas.")
            % {"line": reader.line_num},
            field="file",
        ) from exc


# --- XLSX -----------------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float) and value.is_integer():
        # A matrícula or semester typed as a number arrives as 2614001.0.
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _xlsx_records(content: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    unreadable = DomainError(
        _("El archivo no es un libro de Excel (.xlsx) válido o está dañado."), field="file"
    )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # any parser failure on an untrusted file means "unreadable"
        raise unreadable from exc
    try:
        if not workbook.worksheets:
            raise unreadable
        sheet = workbook.worksheets[0]
        # In read-only mode rows come from the sheet's first row, empty ones included,
        # so the position is the line number Excel shows.
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        for line, values in enumerate(rows, start=1):
            yield line, [_cell_text(value) for value in values or ()]
    except DomainError:
        raise
    except Exception as exc:  # a damaged sheet fails while streaming its rows
        raise unreadable from exc
    finally:
        workbook.close()
