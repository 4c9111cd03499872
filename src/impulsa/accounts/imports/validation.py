"""Every row of a student file checked before anything is written.

Three passes: each row on its own (CURP, matrícula, names, e-mail, semester, group
name, repeats inside the file); then the database, looked up in bulk (campuses,
careers, the current period and its groups, people already registered by CURP,
matrículas and usernames in use); then each row against what was found. Every
error is collected with its line and column; messages never repeat a person's
CURP, matrícula, name or e-mail (the job keeps them), only which part is wrong.
"""

import re
from collections.abc import Iterable, Iterator

from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from impulsa.accounts import curp as curp_rules
from impulsa.accounts.imports import places
from impulsa.accounts.imports.plan import (
    MAX_ERRORS,
    ErrorLog,
    GroupKey,
    Plan,
    PlannedGroup,
    RowError,
    StudentRow,
)
from impulsa.accounts.imports.progress import Reporter
from impulsa.accounts.imports.reading import RawRow
from impulsa.accounts.models import ImportJob, StudentProfile, User
from impulsa.core.errors import DomainError
from impulsa.org.api import (
    Capability,
    Institution,
    Membership,
    Role,
    institution_ids,
)

__all__ = [
    "MAX_ERRORS",
    "ErrorLog",
    "GroupKey",
    "Plan",
    "PlannedGroup",
    "RowError",
    "StudentRow",
    "parse_row",
    "target_username",
    "validate",
]

MAX_NAME_LENGTH = 150
MAX_EMAIL_LENGTH = 254
# Bulk lookups send at most this many values in one IN (...) list.
CHUNK = 5000

MATRICULA_RE = re.compile(r"^[A-Z0-9]{5,20}$")
GROUP_RE = re.compile(r"^[0-9A-ZÑ][0-9A-ZÑ -]{0,19}$")
SEMESTER_RE = re.compile(r"^([1-9][0-9]*)(\.0+)?$")
_SPACES = re.compile(r"\s+")
MISSING_NAME = {
    "nombre": lambda: _("Falta el nombre."),
    "primer_apellido": lambda: _("Falta el primer apellido."),
}


def validate(
    *, actor, institution: Institution, rows: list[RawRow], reporter: Reporter | None = None
) -> Plan:
    """Check every row; the plan's `errors` is empty only when all rows may be written."""
    errors = ErrorLog()
    parsed = list(_parse_rows(rows, errors, reporter))
    plan = Plan(rows=parsed, errors=errors)
    places.check_campuses(actor, institution, plan)
    places.check_careers(plan)
    places.check_groups(actor, plan)
    _check_people(actor, plan)
    plan.rows = [row for row in plan.rows if row.line not in errors.bad_lines]
    return plan


# --- Pass 1: each row on its own -------------------------------------------------------


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _parse_rows(
    rows: list[RawRow], errors: ErrorLog, reporter: Reporter | None
) -> Iterator[StudentRow]:
    first_line_of_curp: dict[str, int] = {}
    first_line_of_matricula: dict[str, int] = {}
    if reporter:
        reporter.start(ImportJob.Status.VALIDATING)
    for done, raw in enumerate(rows, start=1):
        row = parse_row(raw, errors)
        if reporter:
            reporter.step(ImportJob.Status.VALIDATING, done)
        if row.curp is not None:
            earlier = first_line_of_curp.setdefault(row.curp.value, row.line)
            if earlier != row.line:
                errors.add(
                    row.line,
                    "curp",
                    _("La CURP se repite: ya aparece en la línea %(line)d.") % {"line": earlier},
                )
        if MATRICULA_RE.match(row.matricula):
            earlier = first_line_of_matricula.setdefault(row.matricula, row.line)
        else:
            earlier = row.line
        if earlier != row.line:
            errors.add(
                row.line,
                "matricula",
                _("La matrícula se repite: ya aparece en la línea %(line)d.") % {"line": earlier},
            )
        yield row


def parse_row(raw: RawRow, errors: ErrorLog) -> StudentRow:
    """The checks a row passes on its own (no database); problems go to `errors`."""
    values, line = raw.values, raw.line
    names = _parse_names(values, line, errors)
    campus_code = values["clave_plantel"].upper()
    if not campus_code:
        errors.add(line, "clave_plantel", _("Falta la clave del plantel."))
    career_text = _collapse(values["carrera"])
    if not career_text:
        errors.add(line, "carrera", _("Falta la carrera."))
    # A row with errors is still returned: its CURP and matrícula take part in the
    # repeat and ownership checks, so that every mistake shows up in one pass.
    return StudentRow(
        line=line,
        curp=_parse_curp(values, line, errors),
        matricula=_parse_matricula(values, line, errors),
        first_name=names["nombre"] or "",
        last_name=names["primer_apellido"] or "",
        second_last_name=names["segundo_apellido"],
        email=_parse_email(values, line, errors),
        campus_code=campus_code,
        career_text=career_text,
        semester=_parse_semester(values, line, errors),
        group_name=_parse_group(values, line, errors),
    )


def _parse_curp(values: dict, line: int, errors: ErrorLog) -> curp_rules.Curp | None:
    try:
        return curp_rules.validate(values["curp"])
    except DomainError as error:
        errors.add(line, "curp", error.message)
        return None


def _parse_matricula(values: dict, line: int, errors: ErrorLog) -> str:
    matricula = values["matricula"].upper()
    if not matricula:
        errors.add(line, "matricula", _("Falta la matrícula."))
    elif not MATRICULA_RE.match(matricula):
        errors.add(
            line,
            "matricula",
            _("La matrícula debe tener de 5 a 20 letras o dígitos, sin espacios ni símbolos."),
        )
    return matricula


def _parse_names(values: dict, line: int, errors: ErrorLog) -> dict[str, str | None]:
    """Each name column as collapsed text; None for a column the file does not have."""
    names = {}
    for key in ("nombre", "primer_apellido", "segundo_apellido"):
        if key not in values:
            names[key] = None
            continue
        text = _collapse(values[key])
        if not text and key in MISSING_NAME:
            errors.add(line, key, MISSING_NAME[key]())
        elif len(text) > MAX_NAME_LENGTH:
            errors.add(
                line,
                key,
                _("El texto es demasiado largo (máximo %(n)d caracteres).")
                % {"n": MAX_NAME_LENGTH},
            )
        names[key] = text
    return names


def _parse_email(values: dict, line: int, errors: ErrorLog) -> str | None:
    if not values.get("correo"):
        return None
    email = BaseUserManager.normalize_email(values["correo"])
    try:
        if len(email) > MAX_EMAIL_LENGTH:
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        errors.add(line, "correo", _("El correo electrónico no es válido."))
    return email


def _parse_semester(values: dict, line: int, errors: ErrorLog) -> int:
    match = SEMESTER_RE.match(values["semestre"])
    if match and 1 <= int(match.group(1)) <= 6:
        return int(match.group(1))
    errors.add(line, "semestre", _("El semestre debe ser un número del 1 al 6."))
    return 0


def _parse_group(values: dict, line: int, errors: ErrorLog) -> str:
    group_name = _collapse(values["grupo"]).upper()
    if not group_name:
        errors.add(line, "grupo", _("Falta el grupo."))
    elif not GROUP_RE.match(group_name):
        errors.add(
            line,
            "grupo",
            _(
                "El grupo debe tener hasta 20 letras, dígitos, espacios o guiones (por ejemplo 101)."
            ),
        )
    return group_name


# --- Pass 2 and 3: the database --------------------------------------------------------


def _chunks(values: Iterable, size: int = CHUNK) -> Iterator[list]:
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _check_people(actor, plan: Plan) -> None:
    """People already registered: matched by CURP (blind index), and still reachable;
    matrículas and usernames must not belong to someone else."""
    rows = [row for row in plan.rows if row.curp is not None]
    if not rows:
        return
    by_curp = _known_people(rows, plan)
    reach = institution_ids(actor, Capability.MANAGE_PEOPLE)
    reaching = _load_memberships([user.pk for user in by_curp.values()], plan, reach)
    matriculas = {row.matricula for row in rows}
    profile_owner: dict[str, int] = {}
    username_owner: dict[str, int] = {}
    for chunk in _chunks(matriculas):
        profile_owner.update(
            StudentProfile.objects.filter(matricula__in=chunk).values_list("matricula", "user_id")
        )
        username_owner.update(User.objects.filter(username__in=chunk).values_list("username", "id"))

    for row in rows:
        user = by_curp.get(row.curp.value)
        profile = plan.profiles.get(user.pk) if user else None
        if user is not None:
            reachable = profile.campus_id in reach if profile is not None else user.pk in reaching
            if not reachable:
                plan.errors.add(row.line, "curp", _out_of_reach())
                continue
        user_id = user.pk if user else None
        owner = profile_owner.get(row.matricula)
        if owner is not None and owner != user_id:
            plan.errors.add(
                row.line, "matricula", _("La matrícula ya está registrada para otra persona.")
            )
            continue
        if target_username(row, user, profile) == row.matricula:
            owner = username_owner.get(row.matricula)
            if owner is not None and owner != user_id:
                plan.errors.add(
                    row.line,
                    "matricula",
                    _("Ya existe otra cuenta cuyo usuario es esta matrícula."),
                )
                continue
        row.user = user


def _out_of_reach() -> str:
    return _(
        "La CURP ya está registrada para una persona que no está a tu cargo; "
        "pide a la administración de su plantel que la dé de baja o la transfiera."
    )


_KNOWN_FIELDS = (
    "id",
    "username",
    "first_name",
    "last_name",
    "second_last_name",
    "email",
    "birth_date",
    "curp_hash",
)


def _known_people(rows: list[StudentRow], plan: Plan) -> dict[str, User]:
    """The registered people whose CURP the rows carry (by CURP), with their student
    profiles put in `plan.profiles`."""
    hash_field = User._meta.get_field("curp_hash")
    candidates: dict[str, str] = {}  # hash -> CURP
    for row in rows:
        for digest in hash_field.candidates(row.curp.value):
            candidates[digest] = row.curp.value
    by_curp: dict[str, User] = {}
    for chunk in _chunks(candidates):
        for user in User.objects.filter(curp_hash__in=chunk).only(*_KNOWN_FIELDS):
            by_curp[candidates[user.curp_hash]] = user
    for chunk in _chunks([user.pk for user in by_curp.values()]):
        for profile in StudentProfile.objects.filter(user_id__in=chunk).only(
            "user_id", "campus_id", "career_id", "group_id", "matricula", "semester"
        ):
            plan.profiles[profile.user_id] = profile
    return by_curp


def _load_memberships(user_ids: list[int], plan: Plan, reach: frozenset[int]) -> set[int]:
    """Put the people's student memberships in `plan`; return who holds a role in reach."""
    reaching: set[int] = set()
    for chunk in _chunks(user_ids):
        for membership in Membership.objects.filter(user_id__in=chunk).only(
            "id", "user_id", "institution_id", "role"
        ):
            if membership.institution_id in reach:
                reaching.add(membership.user_id)
            if membership.role == Role.STUDENT:
                plan.student_memberships.setdefault(membership.user_id, {})[
                    membership.institution_id
                ] = membership
    return reaching


def target_username(row: StudentRow, user: User | None, profile: StudentProfile | None) -> str:
    """Students sign in with their matrícula: new ones get it as username, and an existing
    student whose username was the old matrícula follows a change of matrícula."""
    if user is None:
        return row.matricula
    if profile is not None and user.username == profile.matricula:
        return row.matricula
    return user.username
