"""Writes to what a campus organises its students in: careers, national academic
periods and groups."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.org import access, tree_cache
from impulsa.org.models import AcademicPeriod, Career, Group, Institution
from impulsa.org.roles import Capability, Kind
from impulsa.org.services.common import restored_on_error, validate

# --- Careers ------------------------------------------------------------------------------


@transaction.atomic
def create_career(*, actor, campus: Institution, code: str, name: str) -> Career:
    access.ensure(actor, Capability.MANAGE_STRUCTURE, campus)
    if campus.kind != Kind.CAMPUS:
        raise DomainError(_("Las carreras se registran en un plantel."))
    code = code.strip().upper()
    if Career.objects.filter(campus=campus, code=code).exists():
        raise Conflict(
            _("El plantel ya tiene una carrera con la clave %(c)s.") % {"c": code}, field="code"
        )
    career = Career(campus=campus, code=code, name=name.strip())
    validate(career)
    _save_career(career)
    return career


@transaction.atomic
def update_career(*, actor, career: Career, code: str, name: str, is_active: bool) -> Career:
    access.ensure(actor, Capability.MANAGE_STRUCTURE, career.campus)
    code = code.strip().upper()
    if Career.objects.filter(campus=career.campus_id, code=code).exclude(pk=career.pk).exists():
        raise Conflict(
            _("El plantel ya tiene una carrera con la clave %(c)s.") % {"c": code}, field="code"
        )
    with restored_on_error(career, ("code", "name", "is_active")):
        career.code, career.name, career.is_active = code, name.strip(), is_active
        validate(career)
        _save_career(career)
    return career


def _save_career(career: Career) -> None:
    try:
        with transaction.atomic():
            career.save()
    except IntegrityError as exc:
        raise Conflict(
            _("El plantel ya tiene una carrera con la clave %(c)s.") % {"c": career.code},
            field="code",
        ) from exc


# --- Academic periods ---------------------------------------------------------------------


def can_manage_periods(actor) -> bool:
    """Periods are national: only those who manage the national office define them."""
    root = Institution.objects.filter(pk=tree_cache.root_institution_id()).first()
    return root is not None and access.can(actor, Capability.MANAGE_STRUCTURE, root)


def _ensure_national_manager(actor) -> None:
    if not can_manage_periods(actor):
        raise AccessDenied(_("Solo la administración nacional define los periodos escolares."))


@transaction.atomic
def save_period(
    *, actor, period: AcademicPeriod | None = None, code: str, starts_on, ends_on, is_current: bool
) -> AcademicPeriod:
    """Create (no `period`) or change a period; making it current un-sets the other."""
    _ensure_national_manager(actor)
    period = period or AcademicPeriod()
    code = code.strip()
    if AcademicPeriod.objects.filter(code=code).exclude(pk=period.pk).exists():
        raise Conflict(_("El periodo %(c)s ya existe.") % {"c": code}, field="code")
    if starts_on and ends_on and ends_on <= starts_on:
        raise DomainError(_("El periodo debe terminar después de iniciar."), field="ends_on")
    with restored_on_error(period, ("code", "starts_on", "ends_on", "is_current")):
        period.code, period.starts_on, period.ends_on, period.is_current = (
            code,
            starts_on,
            ends_on,
            is_current,
        )
        validate(period)
        try:
            with transaction.atomic():
                if is_current:
                    AcademicPeriod.objects.filter(is_current=True).exclude(pk=period.pk).update(
                        is_current=False
                    )
                period.save()
        except IntegrityError as exc:  # another request changed the periods meanwhile
            raise Conflict(
                _("Otra persona cambió los periodos al mismo tiempo; inténtalo de nuevo.")
            ) from exc
    return period


def current_period() -> AcademicPeriod | None:
    return AcademicPeriod.objects.filter(is_current=True).first()


# --- Groups -------------------------------------------------------------------------------


def _check_group(
    campus: Institution, career: Career | None, period, name, pk=None, previous_career_id=None
) -> None:
    if campus.kind != Kind.CAMPUS:
        raise DomainError(_("Los grupos pertenecen a un plantel."))
    if career is not None and career.campus_id != campus.pk:
        raise DomainError(_("La carrera no pertenece a este plantel."), field="career")
    if career is not None and not career.is_active and career.pk != previous_career_id:
        raise DomainError(_("La carrera %(c)s está desactivada.") % {"c": career}, field="career")
    if not name:
        raise DomainError(_("Escribe el nombre del grupo."), field="name")
    clash = Group.objects.filter(campus=campus, period=period, name=name).exclude(pk=pk)
    if clash.exists():
        raise Conflict(
            _("Ya existe el grupo %(n)s en %(p)s.") % {"n": name, "p": period}, field="name"
        )


def _save_group(group: Group) -> None:
    try:
        with transaction.atomic():
            group.save()
    except IntegrityError as exc:
        raise Conflict(
            _("Ya existe el grupo %(n)s en %(p)s.") % {"n": group.name, "p": group.period},
            field="name",
        ) from exc


@transaction.atomic
def create_group(
    *,
    actor,
    campus: Institution,
    period: AcademicPeriod,
    name: str,
    semester: int,
    shift: str = Group.Shift.MORNING,
    career: Career | None = None,
) -> Group:
    access.ensure(actor, Capability.MANAGE_STRUCTURE, campus)
    name = name.strip().upper()
    _check_group(campus, career, period, name)
    group = Group(
        campus=campus, period=period, name=name, semester=semester, shift=shift, career=career
    )
    validate(group)
    _save_group(group)
    return group


@transaction.atomic
def update_group(
    *,
    actor,
    group: Group,
    period: AcademicPeriod,
    name: str,
    semester: int,
    shift: str,
    career: Career | None,
) -> Group:
    access.ensure(actor, Capability.MANAGE_STRUCTURE, group.campus)
    name = name.strip().upper()
    _check_group(
        group.campus, career, period, name, pk=group.pk, previous_career_id=group.career_id
    )
    with restored_on_error(group, ("period", "name", "semester", "shift", "career")):
        group.period, group.name, group.semester, group.shift, group.career = (
            period,
            name,
            semester,
            shift,
            career,
        )
        validate(group)
        _save_group(group)
    return group
