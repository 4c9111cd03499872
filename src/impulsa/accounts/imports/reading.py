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
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from lxml import etree
from openpyxl.utils.cell import column_index_from_string

from impulsa.accounts.imports import columns
from impulsa.core.errors import DomainError

EXTENSIONS = (".csv", ".xlsx")
MAX_FILE_BYTES = 20 * 1024 * 1024
# Columns past this are ignored: a file of students never needs more, and it keeps a
# sheet that claims thousands of columns from costing time.
MAX_COLUMNS = 60
_ZIP_MAGIC = b"PK\x03\x04"

# XLSX is a zip of XML parts, and a few kilobytes can claim much more: a part that
# inflates to gigabytes (shared strings), or one row numbered 6,000,000 that openpyxl
# walks up to row by row. These bounds are checked on the zip directory and on a
# streamed pass over each sheet before openpyxl parses anything. Python's zipfile
# never inflates a part past its declared size, so declared sizes are real bounds.
XLSX_MAX_PARTS = 1_000
XLSX_MAX_PART_BYTES = 40 * 1024 * 1024  # a full 60,000-student sheet is about 25 MB
XLSX_MAX_TOTAL_BYTES = 80 * 1024 * 1024
XLSX_MAX_RATIO = 100  # uncompressed / compressed, for parts over XLSX_RATIO_FROM_BYTES
XLSX_RATIO_FROM_BYTES = 1024 * 1024
XLSX_MAX_ROW = 100_000  # at least settings.IMPORT_MAX_ROWS plus the header
XLSX_MAX_COLUMN = 1_000  # columns past MAX_COLUMNS are ignored, but still parsed


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


def _unreadable_xlsx() -> DomainError:
    return DomainError(
        _("El archivo no es un libro de Excel (.xlsx) válido o está dañado."), field="file"
    )


def check_xlsx_bounds(content: bytes) -> None:
    """Refuse a workbook whose parts or sheets exceed the XLSX_* bounds (DomainError),
    reading only the zip directory and streaming each sheet's row and cell tags."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as exc:
        raise _unreadable_xlsx() from exc
    with archive:
        parts = archive.infolist()
        _check_parts(parts)
        for part in parts:
            if part.filename.endswith(".xml"):
                with archive.open(part) as stream:
                    _check_sheet(stream)


def _check_parts(parts: list[zipfile.ZipInfo]) -> None:
    too_big = DomainError(
        _(
            "El libro de Excel ocupa demasiado al abrirlo (más de %(mb)d MB sin comprimir). "
            "Deja solo los datos de los alumnos o divídelo en varios archivos."
        )
        % {"mb": XLSX_MAX_TOTAL_BYTES // (1024 * 1024)},
        field="file",
    )
    total = sum(part.file_size for part in parts)
    if len(parts) > XLSX_MAX_PARTS or total > XLSX_MAX_TOTAL_BYTES:
        raise too_big
    for part in parts:
        if part.file_size > XLSX_MAX_PART_BYTES:
            raise too_big
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > XLSX_RATIO_FROM_BYTES and ratio > XLSX_MAX_RATIO:
            raise DomainError(
                _(
                    "El libro de Excel está comprimido de una forma que no es normal y no "
                    "se abrirá. Ábrelo en Excel y guárdalo de nuevo como .xlsx."
                ),
                field="file",
            )


def _check_sheet(stream) -> None:
    """Stream a part; if it is a worksheet, refuse rows or columns past the bounds,
    whether declared (<dimension ref="A1:Z6000000"/>) or present in its cells."""
    parser = etree.iterparse(
        stream,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    row = column = 0
    try:
        for event, element in parser:
            name = etree.QName(element).localname
            if event == "start":
                if element.getparent() is None and name != "worksheet":
                    return  # not a sheet: shared strings, styles, ...
                if name == "dimension":
                    _check_cell_reference(element.get("ref", "").rpartition(":")[2])
                elif name == "row":
                    row = _number(element.get("r"), row + 1)
                    column = 0
                    _check_position(row, 1)
                elif name == "c":
                    reference = element.get("r") or ""
                    column = _column(reference, column + 1)
                    _check_position(_number(_digits(reference), row), column)
            elif element.getparent() is not None:
                element.clear()  # keep memory flat: nothing is needed once read
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except etree.XMLSyntaxError as exc:
        raise _unreadable_xlsx() from exc


def _number(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() else default


def _column(reference: str | None, default: int) -> int:
    letters = "".join(ch for ch in (reference or "") if ch.isalpha())
    if not letters:
        return default
    return column_index_from_string(letters) if len(letters) <= 3 else XLSX_MAX_COLUMN + 1


def _digits(reference: str) -> str:
    return "".join(ch for ch in reference if ch.isdigit())


def _check_cell_reference(reference: str) -> None:
    _check_position(_number(_digits(reference), 0), _column(reference, 0))


def _check_position(row: int, column: int) -> None:
    max_row = max(XLSX_MAX_ROW, settings.IMPORT_MAX_ROWS + 1)
    if row > max_row:
        message = _(
            "La hoja llega hasta la fila %(n)s y el máximo es la fila %(max)s. Borra las "
            "filas vacías del final (o divide el archivo) y vuelve a subirlo."
        ) % {"n": f"{row:,}", "max": f"{max_row:,}"}
    elif column > XLSX_MAX_COLUMN:
        message = _(
            "La hoja llega hasta la columna %(n)s y el máximo es la columna %(max)s. Borra "
            "las columnas vacías de la derecha y vuelve a subirlo."
        ) % {"n": f"{column:,}", "max": f"{XLSX_MAX_COLUMN:,}"}
    else:
        return
    raise DomainError(message, field="file")


def _xlsx_records(content: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    check_xlsx_bounds(content)
    unreadable = _unreadable_xlsx()
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
