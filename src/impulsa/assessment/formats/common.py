"""What the item file formats share: the parsed item, problems found, export results."""

import html
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from impulsa.assessment.itemtypes import validate_body
from impulsa.core.errors import DomainError

NAME_WORDS = 8


@dataclass
class ParsedItem:
    type: str
    name: str
    stem: str
    stem_format: str
    body: dict
    general_feedback: str = ""
    hints: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    difficulty: str | None = None
    line: int | None = None
    # What the file said that we read but do not keep (an import reports it).
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FormatProblem:
    name: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = _("línea %(line)s") % {"line": self.line} if self.line else _("sin línea")
        return f"{where}, «{self.name}»: {self.reason}"


class ItemFileInvalid(Exception):
    """The file cannot be imported; every problem found is listed, nothing was kept."""

    def __init__(self, problems: list[FormatProblem]):
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        heading = _("El archivo tiene %(n)s problema(s); no se importó ninguna pregunta:") % {
            "n": len(self.problems)
        }
        return "\n".join([heading, *(f"- {problem}" for problem in self.problems)])


@dataclass
class ExportResult:
    content: str | bytes
    skipped: list[FormatProblem] = field(default_factory=list)


def name_from_text(text: str) -> str:
    """A question without a title is named by its first words (tags stripped)."""
    words = re.sub(r"<[^>]*>", " ", text).split()
    name = " ".join(words[:NAME_WORDS])
    return name + ("…" if len(words) > NAME_WORDS else "") if name else _("(sin nombre)")


def plain_to_html(text: str) -> str:
    """Plain or Moodle auto-format text shown as written: escaped, line breaks kept."""
    return html.escape(text, quote=False).replace("\n", "<br>\n")


def checked_body(item_type: str, body: dict, name: str, line: int | None, problems: list):
    """The validated body, or None after recording why it is not valid."""
    try:
        return validate_body(item_type, body)
    except DomainError as error:
        problems.append(FormatProblem(name, line, error.message))
        return None


def export_label(item) -> tuple[str, int | None]:
    return item.name, getattr(item, "line", None)
