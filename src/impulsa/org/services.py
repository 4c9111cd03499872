"""Every write to the institution tree, careers, periods, groups and memberships."""

import re
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.org import access, branding
from impulsa.org.models import AcademicPeriod, Career, Group, Institution, Membership
from impulsa.org.roles import Capability, Kind

CHILD_KIND = {Kind.NATIONAL: Kind.STATE, Kind.STATE: Kind.CAMPUS}
DOMAIN_RE = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
INSTITUTION_FIELDS = {
    "code",
    "name",
    "short_name",
    "is_active",
    "display_name",
    "logo",
    "primary_color",
    "custom_domain",
}


def _validate(obj, exclude=()) -> None:
    """Model validation turned into a DomainError naming the first bad field."""
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from exc


def _check_code_free(code: str, exclude_pk=None) -> None:
    if Institution.objects.filter(code=code).exclude(pk=exclude_pk).exists():
        raise Conflict(
            _("Ya existe una institución con la clave %(code)s.") % {"code": code}, field="code"
        )


def _place(institution: Institution, parent: Institution | None) -> None:
    """Save a new node and give it its path (the path needs the id)."""
    institution.path = f"/new-{uuid.uuid4().hex}/"
    institution.save()
    institution.path = f"{parent.path if parent else '/'}{institution.pk}/"
    institution.save(update_fields=["path"])


@transaction.atomic
def create_national_office(*, code: str, name: str, short_name: str = "") -> Institution:
    """The root of the tree; created once, by set-up (no actor can exist yet)."""
    if Institution.objects.filter(parent=None).exists():
        raise Conflict(_("La oficina nacional ya existe."))
    code = code.strip().upper()
    _check_code_free(code)
    office = Institution(kind=Kind.NATIONAL, code=code, name=name.strip(), short_name=short_name)
    _validate(office, exclude=["path"])
    _place(office, None)
    branding.invalidate()
    return office


@transaction.atomic
def create_institution(
    *, actor, parent: Institution, code: str, name: str, short_name: str = ""
) -> Institution:
    access.ensure(actor, Capability.MANAGE_STRUCTURE, parent)
    kind = CHILD_KIND.get(parent.kind)
    if kind is None:
        raise DomainError(_("Un plantel no puede tener instituciones debajo."))
    code = code.strip().upper()
    _check_code_free(code)
    institution = Institution(
        kind=kind, parent=parent, code=code, name=name.strip(), short_name=short_name.strip()
    )
    _validate(institution, exclude=["path"])
    _place(institution, parent)
    branding.invalidate()
    return institution


@transaction.atomic
def update_institution(*, actor, institution: Institution, **changes) -> Institution:
    access.ensure(actor, Capability.MANAGE_STRUCTURE, institution)
    unknown = set(changes) - INSTITUTION_FIELDS
    if unknown:
        raise DomainError(_("Campos no modificables: %(f)s") % {"f": ", ".join(sorted(unknown))})
    if "code" in changes:
        changes["code"] = changes["code"].strip().upper()
        _check_code_free(changes["code"], exclude_pk=institution.pk)
    if changes.get("custom_domain"):
        domain = changes["custom_domain"].strip().lower()
        if not DOMAIN_RE.match(domain):
            raise DomainError(
                _("«%(d)s» no es un dominio válido.") % {"d": domain}, field="custom_domain"
            )
        if Institution.objects.filter(custom_domain=domain).exclude(pk=institution.pk).exists():
            raise Conflict(_("Otra institución ya usa ese dominio."), field="custom_domain")
        changes["custom_domain"] = domain
    elif "custom_domain" in changes:
        changes["custom_domain"] = None
    color = changes.get("primary_color")
    if color:
        changes["primary_color"] = color = color.upper()
        ratio = branding.contrast_with_white(color) if len(color) == 7 else 0
        if ratio and ratio < branding.MIN_CONTRAST:
            raise DomainError(
                _(
                    "El color %(c)s no contrasta lo suficiente con texto blanco "
                    "(%(r).1f:1; se necesita al menos 4.5:1). Elige un tono más oscuro."
                )
                % {"c": color, "r": ratio},
                field="primary_color",
            )
    if changes.get("is_active") is False and institution.parent_id is None:
        raise DomainError(_("La oficina nacional no se puede desactivar."), field="is_active")
    for field, value in changes.items():
        setattr(institution, field, value)
    _validate(institution)
    institution.save()
    branding.invalidate()
    return institution


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
    _validate(career)
    career.save()
    return career


@transaction.atomic
def update_career(*, actor, career: Career, code: str, name: str, is_active: bool) -> Career:
    access.ensure(actor, Capability.MANAGE_STRUCTURE, career.campus)
    code = code.strip().upper()
    if Career.objects.filter(campus=career.campus_id, code=code).exclude(pk=career.pk).exists():
        raise Conflict(
            _("El plantel ya tiene una carrera con la clave %(c)s.") % {"c": code}, field="code"
        )
    career.code, career.name, career.is_active = code, name.strip(), is_active
    _validate(career)
    career.save()
    return career


def _ensure_national_manager(actor) -> None:
    root_id = branding.root_institution_id()
    root = Institution.objects.filter(pk=root_id).first()
    if root is None or not access.can(actor, Capability.MANAGE_STRUCTURE, root):
        raise AccessDenied(_("Solo la administración nacional define los periodos escolares."))


@transaction.atomic
def save_period(
    *, actor, period: AcademicPeriod | None = None, code: str, starts_on, ends_on, is_current: bool
) -> AcademicPeriod:
    _ensure_national_manager(actor)
    period = period or AcademicPeriod()
    if AcademicPeriod.objects.filter(code=code).exclude(pk=period.pk).exists():
        raise Conflict(_("El periodo %(c)s ya existe.") % {"c": code}, field="code")
    if ends_on <= starts_on:
        raise DomainError(_("El periodo debe terminar después de iniciar."), field="ends_on")
    if is_current:
        AcademicPeriod.objects.filter(is_current=True).exclude(pk=period.pk).update(
            is_current=False
        )
    period.code, period.starts_on, period.ends_on, period.is_current = (
        code,
        starts_on,
        ends_on,
        is_current,
    )
    _validate(period)
    period.save()
    return period


def current_period() -> AcademicPeriod | None:
    return AcademicPeriod.objects.filter(is_current=True).first()


def _check_group(campus: Institution, career: Career | None, period, name, pk=None) -> None:
    if campus.kind != Kind.CAMPUS:
        raise DomainError(_("Los grupos pertenecen a un plantel."))
    if career is not None and career.campus_id != campus.pk:
        raise DomainError(_("La carrera no pertenece a este plantel."), field="career")
    clash = Group.objects.filter(campus=campus, period=period, name=name).exclude(pk=pk)
    if clash.exists():
        raise Conflict(
            _("Ya existe el grupo %(n)s en %(p)s.") % {"n": name, "p": period}, field="name"
        )


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
    _validate(group)
    group.save()
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
    _check_group(group.campus, career, period, name, pk=group.pk)
    group.period, group.name, group.semester, group.shift, group.career = (
        period,
        name,
        semester,
        shift,
        career,
    )
    _validate(group)
    group.save()
    return group


@transaction.atomic
def grant_membership(*, actor, user, institution: Institution, role: str) -> Membership:
    access.ensure_can_grant(actor, role, institution)
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, institution=institution, role=role, granted_by=actor
            )
    except IntegrityError as exc:
        raise Conflict(_("La persona ya tiene ese rol en esa institución.")) from exc
    access.forget(user)
    return membership


@transaction.atomic
def revoke_membership(*, actor, membership: Membership) -> None:
    if membership.user_id == actor.pk:
        raise DomainError(_("No puedes retirarte tus propios roles; pídeselo a otra persona."))
    access.ensure_can_grant(actor, membership.role, membership.institution)
    membership.delete()
    access.forget(membership.user)
