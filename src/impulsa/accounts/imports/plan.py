"""What validating a student file produces: the errors found (with their lines) and
the plan of rows, groups and people that writing.py carries out."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from impulsa.accounts import curp as curp_rules
from impulsa.accounts.models import StudentProfile, User
from impulsa.org.api import AcademicPeriod, Career, Group, Institution, Membership

# The job keeps this many errors (with a closing note saying how many there were).
MAX_ERRORS = 1000


@dataclass(frozen=True)
class RowError:
    line: int | None  # None: about the whole file
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "message": str(self.message)}


class ErrorLog:
    """Counts every error, keeps the first MAX_ERRORS."""

    def __init__(self, limit: int | None = None):
        self.limit = MAX_ERRORS if limit is None else limit
        self.items: list[RowError] = []
        self.count = 0
        self.bad_lines: set[int] = set()
        self.bad_cells: set[tuple[int, str]] = set()

    def add(self, line: int | None, column: str, message: str) -> None:
        self.count += 1
        if line is not None:
            self.bad_lines.add(line)
            self.bad_cells.add((line, column))
        if len(self.items) < self.limit:
            self.items.append(RowError(line, column, message))

    def __bool__(self) -> bool:
        return self.count > 0

    def fine(self, line: int, *columns: str) -> bool:
        """No error so far in these columns of this line (other columns may have some)."""
        return not any((line, column) in self.bad_cells for column in columns)

    def as_json(self) -> list[dict]:
        stored = [error.as_dict() for error in self.items]
        if self.count > len(self.items):
            note = _(
                "Hay %(total)s errores en total; se muestran los primeros %(shown)s. "
                "Corrígelos y vuelve a subir el archivo para ver el resto."
            ) % {"total": f"{self.count:,}", "shown": f"{len(self.items):,}"}
            stored.append(RowError(None, "", note).as_dict())
        return stored


@dataclass
class StudentRow:
    """A row that passed every check, with what it refers to resolved."""

    line: int
    curp: curp_rules.Curp | None  # None only on rows with errors
    matricula: str
    first_name: str
    last_name: str
    second_last_name: str | None  # None: the file has no such column, keep what is stored
    email: str | None  # None: not given, keep what is stored
    campus_code: str
    career_text: str
    semester: int
    group_name: str
    campus: Institution | None = None
    career: Career | None = None
    user: User | None = None  # the person already registered with this CURP


@dataclass(frozen=True)
class GroupKey:
    campus_id: int
    name: str


@dataclass
class PlannedGroup:
    """A group missing in the current period, created before the students are written."""

    campus: Institution
    name: str
    semester: int
    career: Career


@dataclass
class Plan:
    rows: list[StudentRow]
    errors: ErrorLog
    period: AcademicPeriod | None = None
    groups: dict[GroupKey, Group] = field(default_factory=dict)
    new_groups: dict[GroupKey, PlannedGroup] = field(default_factory=dict)
    profiles: dict[int, StudentProfile] = field(default_factory=dict)
    # user id -> {campus id: student membership}
    student_memberships: dict[int, dict[int, Membership]] = field(default_factory=dict)
