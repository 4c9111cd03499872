"""Importing and exporting a course's items as GIFT or Moodle XML files.

An import is all or nothing: the file is parsed, every question's skills and fields
are checked, and only when no problem is found are the items created, in one
transaction. Otherwise ImportRefused lists every problem (name, line, reason).
"""

from dataclasses import dataclass, field
from pathlib import PurePath

from django.db import transaction
from django.utils.translation import gettext as _

from impulsa.assessment import itemtypes
from impulsa.assessment.bank import services
from impulsa.assessment.formats.common import FormatProblem, ItemFileInvalid, ParsedItem
from impulsa.assessment.formats.gift import export_gift, parse_gift
from impulsa.assessment.formats.moodle_xml import export_moodle_xml, parse_moodle_xml
from impulsa.assessment.models import Item
from impulsa.audit.api import record
from impulsa.core.errors import DomainError
from impulsa.learning.api import Activity, Course, Skill, course_of, ensure_author

GIFT = "gift"
MOODLE_XML = "moodle_xml"
FORMATS = {GIFT: ".gift", MOODLE_XML: ".xml"}
MAX_FILE_BYTES = 5 * 1024 * 1024
BOM = b"\xef\xbb\xbf"


class ImportRefused(DomainError):
    """Nothing was imported; `problems` says what to fix, question by question."""

    def __init__(self, problems: list[FormatProblem]):
        self.problems = list(problems)
        super().__init__(
            _("El archivo tiene %(n)s problema(s); no se importó ningún reactivo.")
            % {"n": len(self.problems)}
        )


@dataclass
class ImportReport:
    format: str
    items: list[Item] = field(default_factory=list)
    # Imported, but probably not meant (two full-credit choices...): the author should look.
    warnings: list[FormatProblem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)


def detect_format(filename: str, data: bytes) -> str:
    """XML if the name says so or the content starts like XML; GIFT otherwise."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix == ".xml":
        return MOODLE_XML
    head = data.removeprefix(BOM).lstrip()[:100].lower()
    if head.startswith((b"<?xml", b"<quiz")):
        return MOODLE_XML
    if suffix in ("", ".gift", ".txt"):
        return GIFT
    raise DomainError(_("Sube un archivo GIFT (.gift o .txt) o Moodle XML (.xml)."), field="file")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM); files saved by older Windows editors are Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise DomainError(
            _("No se pudo leer el archivo: guárdalo como texto UTF-8."), field="file"
        ) from None


def _parse(fmt: str, data: bytes) -> list[ParsedItem]:
    try:
        return parse_gift(decode_text(data)) if fmt == GIFT else parse_moodle_xml(data)
    except ItemFileInvalid as error:
        raise ImportRefused(error.problems) from None


def _checked(parsed: list[ParsedItem], course: Course) -> list[tuple[dict, list[Skill]]]:
    """Each question's clean fields and skills; ImportRefused with every problem."""
    skills = {skill.code: skill for skill in Skill.objects.filter(course=course)}
    rows, problems = [], []
    for item in parsed:
        codes = [
            t[len(services.SKILL_TAG) :] for t in item.tags if t.startswith(services.SKILL_TAG)
        ]
        for code in codes:
            if code not in skills:
                problems.append(
                    FormatProblem(
                        item.name,
                        item.line,
                        _("La habilidad «%(code)s» no existe en este curso.") % {"code": code},
                    )
                )
        try:
            fields = services.clean_version(
                {
                    "type": item.type,
                    "name": item.name,
                    "stem": item.stem,
                    "stem_format": item.stem_format,
                    "body": item.body,
                    "general_feedback": item.general_feedback,
                    "hints": item.hints,
                    "difficulty": item.difficulty,
                    "tags": item.tags,
                }
            )
        except DomainError as error:
            problems.append(FormatProblem(item.name, item.line, error.message))
            continue
        rows.append((fields, [skills[c] for c in dict.fromkeys(codes) if c in skills]))
    if problems:
        raise ImportRefused(problems)
    return rows


def _warnings(parsed: list[ParsedItem]) -> list[FormatProblem]:
    return [
        FormatProblem(item.name, item.line, warning)
        for item in parsed
        for warning in [*item.notes, *itemtypes.warnings(item.type, item.body)]
    ]


@transaction.atomic
def import_items(
    *, actor, course: Course, filename: str, data: bytes, activity: Activity | None = None
) -> ImportReport:
    """Create every question of the file in the course's bank (optionally appended to
    `activity`), or nothing: ImportRefused lists the problems."""
    ensure_author(actor, course)
    if activity is not None and course_of(activity).pk != course.pk:
        raise DomainError(_("La actividad debe ser de este curso."), field="activity")
    if len(data) > MAX_FILE_BYTES:
        raise DomainError(_("El archivo pasa de 5 MB; divídelo en partes."), field="file")
    fmt = detect_format(filename, data)
    parsed = _parse(fmt, data)
    if not parsed:
        raise DomainError(_("El archivo no contiene preguntas."), field="file")
    rows = _checked(parsed, course)
    items = [
        services.create_item(actor=actor, course=course, skills=skills, **fields)
        for fields, skills in rows
    ]
    if activity is not None:
        services.add_items(actor=actor, activity=activity, items=items)
    record(
        actor=actor,
        instance=course,
        event="items_imported",
        format=fmt,
        count=len(items),
        filename=PurePath(filename or "").name[:100],
        activity_id=activity.pk if activity is not None else None,
    )
    return ImportReport(fmt, items, _warnings(parsed))


def as_parsed(item: Item) -> ParsedItem:
    """The item's current version in the formats' terms; skill tags follow its skills."""
    version = item.current
    tags = [t for t in version.tags if not t.startswith(services.SKILL_TAG)]
    tags += [f"{services.SKILL_TAG}{skill.code}" for skill in item.skills.all()]
    return ParsedItem(
        type=version.type,
        name=version.name,
        stem=version.stem,
        stem_format=version.stem_format,
        body=version.body,
        general_feedback=version.general_feedback,
        hints=list(version.hints),
        tags=sorted(set(tags)),
        difficulty=None if version.difficulty is None else str(version.difficulty),
    )


def export_items(
    *, actor, course: Course, fmt: str, items=None
) -> tuple[str, bytes, list[FormatProblem]]:
    """(file name, file content, items or parts left out with the reason)."""
    ensure_author(actor, course)
    if fmt not in FORMATS:
        raise DomainError(_("Formato de exportación desconocido."))
    chosen = Item.objects.filter(course=course, current__isnull=False)
    if items is not None:
        wanted = {item.pk for item in items}
        chosen = chosen.filter(pk__in=wanted)
        if chosen.count() != len(wanted):
            raise DomainError(_("Los reactivos deben ser del banco de este curso."))
    chosen = chosen.select_related("current").prefetch_related("skills").order_by("pk")
    parsed = [as_parsed(item) for item in chosen]
    result = export_gift(parsed) if fmt == GIFT else export_moodle_xml(parsed)
    content = result.content
    if isinstance(content, str):
        content = content.encode("utf-8")
    return f"{course.code}-reactivos{FORMATS[fmt]}", content, list(result.skipped)
