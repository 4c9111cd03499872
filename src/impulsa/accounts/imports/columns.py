"""The columns of a student file: Spanish headers, their aliases and the templates.

Headers match ignoring case, accents, spaces, underscores and hyphens, so
"Primer apellido", "PRIMER_APELLIDO" and "apellido paterno" all name the same column.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impulsa.core.errors import DomainError


@dataclass(frozen=True)
class Column:
    key: str  # the header the templates use
    label: str  # what the column holds, for help texts
    aliases: tuple[str, ...]
    required: bool
    example: str


COLUMNS: tuple[Column, ...] = (
    Column("curp", gettext_lazy("CURP del alumno (18 caracteres)"), (), True, "GOML080512HJCNRSA8"),
    Column(
        "matricula",
        gettext_lazy("Matrícula: de 5 a 20 letras o dígitos; será su usuario"),
        (),
        True,
        "261400123",
    ),
    Column("nombre", gettext_lazy("Nombre(s)"), ("nombres",), True, "Luis Alberto"),
    Column(
        "primer_apellido",
        gettext_lazy("Primer apellido"),
        ("apellido_paterno",),
        True,
        "González",
    ),
    Column(
        "segundo_apellido",
        gettext_lazy("Segundo apellido (opcional)"),
        ("apellido_materno",),
        False,
        "Martínez",
    ),
    Column(
        "correo",
        gettext_lazy("Correo electrónico (opcional)"),
        ("email", "correo_electronico"),
        False,
        "luis.gonzalez@example.mx",
    ),
    Column(
        "clave_plantel",
        gettext_lazy("Clave oficial del plantel"),
        ("plantel",),
        True,
        "14DPT0001X",
    ),
    Column(
        "carrera",
        gettext_lazy("Clave o nombre de la carrera en ese plantel"),
        (),
        True,
        "INFO",
    ),
    Column("semestre", gettext_lazy("Semestre, del 1 al 6"), (), True, "1"),
    Column(
        "grupo",
        gettext_lazy("Grupo del periodo vigente; si no existe, se crea"),
        (),
        True,
        "101",
    ),
)
COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, accents removed (ñ -> n), everything but letters and digits dropped."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_ALNUM.sub("", plain.lower())


_BY_FOLDED: dict[str, str] = {
    fold(name): column.key for column in COLUMNS for name in (column.key, *column.aliases)
}


def map_headers(cells: list[str]) -> dict[str, int]:
    """Position of each known column in a header row; unknown headers are ignored.

    Raises DomainError naming every required column that is missing, or a column
    that appears twice (under its name or an alias).
    """
    positions: dict[str, int] = {}
    repeated: list[str] = []
    for index, cell in enumerate(cells):
        key = _BY_FOLDED.get(fold(cell or ""))
        if key is None:
            continue
        if key in positions:
            repeated.append(key)
        else:
            positions[key] = index
    if repeated:
        raise DomainError(
            _("La columna «%(columns)s» aparece más de una vez en el encabezado.")
            % {"columns": ", ".join(dict.fromkeys(repeated))},
            field="file",
        )
    missing = [c.key for c in COLUMNS if c.required and c.key not in positions]
    if missing:
        raise DomainError(
            _(
                "Faltan columnas obligatorias en el encabezado (primera fila): %(columns)s. "
                "Descarga la plantilla para ver el formato."
            )
            % {"columns": ", ".join(missing)},
            field="file",
        )
    return positions


def _example_row(
    campus_code: str | None,
    career_code: str | None,
    semester: str | None = None,
    group: str | None = None,
) -> list[str]:
    """The example row, with the actor's own campus, career and group when given so
    that it imports as it is."""
    given = {
        "clave_plantel": campus_code,
        "carrera": career_code,
        "semestre": semester,
        "grupo": group,
    }
    return [given.get(column.key) or column.example for column in COLUMNS]


def template_csv(
    *,
    campus_code: str | None = None,
    career_code: str | None = None,
    semester: str | None = None,
    group: str | None = None,
) -> bytes:
    """The CSV template: UTF-8 with BOM (so Excel shows accents), headers + one example."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMN_KEYS)
    writer.writerow(_example_row(campus_code, career_code, semester, group))
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(
    *,
    campus_code: str | None = None,
    career_code: str | None = None,
    semester: str | None = None,
    group: str | None = None,
) -> bytes:
    """The Excel template: the students sheet first (the only one read) and instructions."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Alumnos")
    sheet.append(list(COLUMN_KEYS))
    sheet.append(_example_row(campus_code, career_code, semester, group))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    text_columns = {"curp", "matricula", "clave_plantel", "grupo"}
    for index, column in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(14, len(column.example) + 4)
        if column.key in text_columns:
            # Text cells keep leading zeros: Excel would otherwise turn "0101" into 101.
            sheet.column_dimensions[letter].number_format = "@"
            sheet.cell(row=2, column=index).number_format = "@"
        if column.key == "semestre":
            rule = DataValidation(type="whole", operator="between", formula1="1", formula2="6")
            rule.error = _("El semestre va del 1 al 6.")
            sheet.add_data_validation(rule)
            rule.add(f"{letter}2:{letter}20000")
    sheet.freeze_panes = "A2"

    help_sheet = workbook.create_sheet(_("Instrucciones"))
    help_sheet.append([_("Columna"), _("Contenido"), _("Obligatoria")])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        help_sheet.append([column.key, str(column.label), _("Sí") if column.required else _("No")])
    help_sheet.append([])
    help_sheet.append(
        [
            _(
                "Solo se lee la primera hoja. La primera fila es el encabezado; las filas vacías se omiten."
            )
        ]
    )
    help_sheet.column_dimensions["A"].width = 20
    help_sheet.column_dimensions["B"].width = 60

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
