"""Reading student files: encodings, delimiters, Excel, headers and line numbers."""

import csv
import io
import re
import string
import tracemalloc
import zipfile

import pytest
from django.test import override_settings
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from impulsa.accounts.imports import columns
from impulsa.accounts.imports.reading import read_rows, sniff_delimiter
from impulsa.core.errors import DomainError
from tests.factories import IMPORT_HEADER, ImportRowFactory, import_csv, import_xlsx

ROW = {
    "curp": "GOML080512HJCNRSA8",
    "matricula": "261400123",
    "nombre": "José Ángel",
    "primer_apellido": "Muñoz",
    "segundo_apellido": "Peña",
    "correo": "jose@example.mx",
    "clave_plantel": "14DPT0001A",
    "carrera": "Informática",
    "semestre": "3",
    "grupo": "301",
}


def test_reads_utf8_csv_with_accents():
    rows = read_rows(import_csv([ROW]), name="alumnos.csv")
    assert len(rows) == 1
    assert rows[0].line == 2
    assert rows[0].values == ROW


def test_reads_utf8_csv_with_byte_order_mark():
    content = "\ufeff".encode() + import_csv([ROW])
    rows = read_rows(content, name="alumnos.csv")
    assert rows[0].values["curp"] == ROW["curp"]
    assert rows[0].values["nombre"] == "José Ángel"


def test_reads_windows_1252_csv_from_excel():
    rows = read_rows(import_csv([ROW], encoding="cp1252"), name="ALUMNOS.CSV")
    assert rows[0].values["primer_apellido"] == "Muñoz"
    assert rows[0].values["carrera"] == "Informática"


def test_reads_semicolon_separated_csv():
    rows = read_rows(import_csv([ROW], delimiter=";", encoding="cp1252"), name="a.csv")
    assert rows[0].values == ROW


def test_reads_utf16_tab_separated_text_from_excel():
    rows = read_rows(import_csv([ROW], delimiter="\t", encoding="utf-16"), name="a.csv")
    assert rows[0].values == ROW


def test_reads_first_sheet_of_xlsx_with_numbers_typed_as_numbers():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(IMPORT_HEADER))
    sheet.append([ROW[c] for c in IMPORT_HEADER[:8]] + [3.0, 301])
    sheet.cell(row=2, column=2).value = 261400123  # a matrícula typed as a number
    workbook.create_sheet("Otra").append(["no", "se", "lee"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    rows = read_rows(buffer.getvalue(), name="alumnos.xlsx")

    assert rows[0].line == 2
    assert rows[0].values["matricula"] == "261400123"
    assert rows[0].values["semestre"] == "3"
    assert rows[0].values["grupo"] == "301"
    assert rows[0].values["nombre"] == "José Ángel"


def test_line_numbers_are_the_files_and_empty_lines_are_skipped():
    data = ",".join(ROW[c] for c in IMPORT_HEADER)
    lines = [
        ";".join(IMPORT_HEADER),
        "",
        ";;;;",  # what Excel writes for an empty row
        data.replace(",", ";"),
        "   ",
        data.replace(",", ";"),
    ]
    rows = read_rows("\r\n".join(lines).encode(), name="a.csv")
    assert [row.line for row in rows] == [4, 6]


def test_line_numbers_count_a_quoted_value_that_spans_two_lines():
    first = dict(ROW, nombre="José\nÁngel")
    content = import_csv([first, ROW])
    rows = read_rows(content, name="a.csv")
    assert [row.line for row in rows] == [2, 4]


def test_xlsx_line_numbers_include_empty_rows():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(IMPORT_HEADER))
    sheet.append([])
    sheet.append([ROW[c] for c in IMPORT_HEADER])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert [row.line for row in read_rows(buffer.getvalue(), name="a.xlsx")] == [3]


def test_headers_match_ignoring_case_accents_spaces_and_aliases():
    header = (
        "CURP",
        "Matrícula",
        "Nombres",
        "Apellido Paterno",
        "apellido_materno",
        "E-mail",
        "Clave  Plantel",
        "CARRERA",
        "Semestre ",
        "Grupo",
    )
    rows = read_rows(import_csv([ROW], header=header), name="a.csv")
    assert rows[0].values == ROW


def test_optional_columns_may_be_left_out_and_unknown_ones_are_ignored():
    header = ["No.", "curp", "matricula", "nombre", "primer_apellido"]
    header += ["clave_plantel", "carrera", "semestre", "grupo", "Observaciones"]
    values = ["1", *(ROW[c] for c in header[1:-1]), "becado"]
    content = (",".join(header) + "\n" + ",".join(values) + "\n").encode()
    rows = read_rows(content, name="a.csv")
    assert "segundo_apellido" not in rows[0].values
    assert "correo" not in rows[0].values
    assert rows[0].values["grupo"] == "301"


def test_missing_required_columns_are_named_in_one_error():
    content = b"curp,nombre,primer_apellido,carrera\nX,Y,Z,W\n"
    with pytest.raises(DomainError) as caught:
        read_rows(content, name="a.csv")
    message = caught.value.message
    assert "Faltan columnas obligatorias" in message
    for column in ("matricula", "clave_plantel", "semestre", "grupo"):
        assert column in message
    assert caught.value.field == "file"


def test_a_column_given_twice_is_refused():
    header = (*IMPORT_HEADER, "Apellido paterno")
    content = import_csv([ROW], header=header)
    with pytest.raises(DomainError, match=r"primer_apellido.*más de una vez"):
        read_rows(content, name="a.csv")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("alumnos.xls", "Los archivos .xls"),
        ("alumnos.pdf", "Sube un archivo .csv o .xlsx"),
        ("alumnos", "Sube un archivo .csv o .xlsx"),
    ],
)
def test_other_file_types_are_refused(name, expected):
    with pytest.raises(DomainError, match=expected):
        read_rows(import_csv([ROW]), name=name)


def test_a_damaged_xlsx_is_refused_with_a_clear_message():
    with pytest.raises(DomainError, match=r"no es un libro de Excel \(\.xlsx\) válido"):
        read_rows(b"esto no es un zip", name="a.xlsx")


def test_an_excel_file_renamed_to_csv_is_refused():
    with pytest.raises(DomainError, match="parece un libro de Excel"):
        read_rows(import_xlsx([ROW]), name="a.csv")


def test_undecodable_bytes_are_refused():
    with pytest.raises(DomainError, match="codificación"):
        read_rows(",".join(IMPORT_HEADER).encode() + b"\n\x81\x8d\x8f\n", name="a.csv")


@override_settings(IMPORT_MAX_ROWS=3)
def test_files_over_the_row_limit_are_refused():
    rows = ImportRowFactory.build_batch(4)
    with pytest.raises(DomainError, match="más de 3 filas"):
        read_rows(import_csv(rows), name="a.csv")
    assert len(read_rows(import_csv(rows[:3]), name="a.csv")) == 3


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"", "está vacío"), (b"\n\n", "está vacío"), (",".join(IMPORT_HEADER).encode(), "no tiene")],
)
def test_files_without_students_are_refused(content, expected):
    with pytest.raises(DomainError, match=expected):
        read_rows(content, name="a.csv")


def test_downloadable_templates_read_back_with_their_example_row():
    for content, name in (
        (columns.template_csv(campus_code="14DPT0001A", career_code="INFO"), "p.csv"),
        (columns.template_xlsx(campus_code="14DPT0001A", career_code="INFO"), "p.xlsx"),
    ):
        rows = read_rows(content, name=name)
        assert len(rows) == 1, name
        assert rows[0].values["clave_plantel"] == "14DPT0001A"
        assert rows[0].values["carrera"] == "INFO"
        assert set(rows[0].values) == set(columns.COLUMN_KEYS)


def test_xlsx_template_keeps_codes_as_text_and_explains_the_columns():
    workbook = load_workbook(io.BytesIO(columns.template_xlsx()))
    assert workbook.sheetnames[0] == "Alumnos"
    assert workbook["Alumnos"]["A2"].number_format == "@"
    help_rows = list(workbook.worksheets[1].values)
    assert [r[0] for r in help_rows[1:11]] == list(columns.COLUMN_KEYS)


@pytest.mark.parametrize(
    ("header", "expected"),
    [("a,b;c;d", ";"), ("a;b,c,d", ","), ("a\tb\tc", "\t"), ("solo", ",")],
)
def test_delimiter_is_the_one_the_header_uses_most(header, expected):
    assert sniff_delimiter(header + "\nx") == expected


# What Spanish spreadsheets hold. (Bytes such as "¡" or "°" after "Ñ" can form valid
# UTF-8 by chance, the inherent ambiguity of text without a byte order mark.)
SPANISH = string.ascii_letters + string.digits + " .,;:'\"()-_/@#&áéíóúüñÁÉÍÓÚÜÑ"
cell_text = st.text(alphabet=SPANISH, max_size=12).map(str.strip)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.lists(cell_text, min_size=10, max_size=10), min_size=1, max_size=8),
    delimiter=st.sampled_from([",", ";"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_any_csv_written_by_a_spreadsheet_reads_back_cell_for_cell(rows, delimiter, encoding):
    assume(any(any(row) for row in rows))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(IMPORT_HEADER)
    writer.writerows(rows)

    read = read_rows(buffer.getvalue().encode(encoding), name="a.csv")

    expected = [dict(zip(IMPORT_HEADER, row, strict=True)) for row in rows if any(row)]
    assert [r.values for r in read] == expected


@given(st.text(alphabet=string.ascii_letters + "áéíóúñÁÉÍÓÚÑ _-", max_size=30))
def test_folding_ignores_case_accents_and_separators(text):
    assert columns.fold(text) == columns.fold(text.upper().replace(" ", "_"))
    assert columns.fold(text).isalnum() or columns.fold(text) == ""


# --- XLSX bombs: refused from the zip directory and a streamed look at the sheet ------


def _repack(content: bytes, changes: dict[str, object]) -> bytes:
    """The workbook with some parts replaced: bytes, a function of the old bytes, or
    (chunk, times) written as a stream so the big part is never held in memory."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = [*source.namelist(), *(n for n in changes if n not in source.namelist())]
        for name in names:
            change = changes.get(name)
            if isinstance(change, tuple):
                chunk, times = change
                with target.open(name, "w", force_zip64=True) as stream:
                    for _ in range(times):
                        stream.write(chunk)
                continue
            data = source.read(name) if name in source.namelist() else b""
            target.writestr(name, change(data) if callable(change) else change or data)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def _move_last_row_to(content: bytes, number: int, *, dimension: bool = True) -> bytes:
    """The data row renumbered, with the sheet's dimension saying so (as a crafted
    file does; openpyxl stops at the declared last row) or without a dimension."""

    def move(xml: bytes) -> bytes:
        xml = re.sub(rb'<row r="2"', b'<row r="%d"' % number, xml)
        xml = re.sub(rb'r="([A-Z]+)2"', rb'r="\g<1>%d"' % number, xml)
        declared = b'<dimension ref="A1:J%d"/>' % number if dimension else b""
        return re.sub(rb"<dimension [^>]*/>", declared, xml)

    return _repack(content, {SHEET: move})


@pytest.mark.parametrize("dimension", [True, False])
def test_a_small_xlsx_with_a_row_numbered_in_the_millions_is_refused_at_once(dimension):
    bomb = _move_last_row_to(import_xlsx([ROW]), 6_000_000, dimension=dimension)
    assert len(bomb) < 10_000

    with pytest.raises(DomainError, match="llega hasta la fila 6,000,000") as refused:
        read_rows(bomb, name="a.xlsx")
    assert refused.value.field == "file"


def test_a_sheet_that_declares_millions_of_rows_is_refused():
    bomb = _repack(
        import_xlsx([ROW]),
        {
            SHEET: lambda xml: re.sub(
                rb'<dimension ref="[^"]*"', b'<dimension ref="A1:Z6000000"', xml
            )
        },
    )
    with pytest.raises(DomainError, match="fila 6,000,000"):
        read_rows(bomb, name="a.xlsx")


def test_a_cell_far_to_the_right_is_refused():
    bomb = _repack(import_xlsx([ROW]), {SHEET: lambda xml: xml.replace(b'r="J2"', b'r="XFD2"', 1)})
    with pytest.raises(DomainError, match="columna 16,384"):
        read_rows(bomb, name="a.xlsx")


def test_rows_within_the_bounds_still_read_with_their_own_numbers():
    content = _move_last_row_to(import_xlsx([ROW]), 90_000)
    rows = read_rows(content, name="a.xlsx")
    assert [row.line for row in rows] == [90_000]
    assert rows[0].values["curp"] == ROW["curp"]


def test_a_shared_strings_bomb_is_refused_without_inflating_it():
    si = b"<si><t>" + b"x" * 100 + b"</t></si>"
    bomb = _repack(
        import_xlsx([ROW]),
        {"xl/sharedStrings.xml": (si * 10_000, 100)},  # about 110 MB once inflated
    )
    assert len(bomb) < 1_000_000

    tracemalloc.start()
    try:
        with pytest.raises(DomainError, match="ocupa demasiado al abrirlo") as refused:
            read_rows(bomb, name="a.xlsx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.field == "file"
    assert peak < 20 * 1024 * 1024


def test_a_part_compressed_beyond_any_real_workbook_is_refused():
    bomb = _repack(import_xlsx([ROW]), {"xl/sharedStrings.xml": (b"<si><t>a</t></si>" * 1000, 300)})
    with pytest.raises(DomainError, match="comprimido de una forma que no es normal"):
        read_rows(bomb, name="a.xlsx")
