"""Every write to the institution tree, careers, periods, groups and memberships.

Each service checks access on its first line, runs in a transaction and raises a
DomainError (AccessDenied, Conflict) with a Spanish message; on refusal nothing is
written and the object passed in keeps its previous values.
"""

import re
import uuid
from contextlib import contextmanager
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.org import access, branding, tree_cache
from impulsa.org.models import AcademicPeriod, Career, Group, Institution, Membership
from impulsa.org.roles import Capability, Kind, Role

CHILD_KIND = {Kind.NATIONAL: Kind.STATE, Kind.STATE: Kind.CAMPUS}
DOMAIN_RE = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
COLOR_RE = re.compile(r"^#[0-9A-F]{6}$")
# What staff may change on an institution (update_institution, the admin form), in form order.
INSTITUTION_FIELDS = (
    "code",
    "name",
    "short_name",
    "is_active",
    "display_name",
    "logo",
    "primary_color",
    "custom_domain",
)

# Logos: raster images only. SVG is refused because it can carry script.
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg"}
LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_SIDE = 4000


# --- Helpers ----------------------------------------------------------------------------


def _validate(obj, exclude=()) -> None:
    """Model validation turned into a DomainError naming the first bad field."""
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from exc


@contextmanager
def _restored_on_error(obj, fields):
    """If the block raises, put `fields` of `obj` back as they were: a refused
    change must not linger on the caller's instance (the page re-renders it)."""
    before = {field: getattr(obj, field) for field in fields}
    try:
        yield
    except Exception:
        for field, value in before.items():
            setattr(obj, field, value)
        raise


def _check_code_free(code: str, exclude_pk=None) -> None:
    if Institution.objects.filter(code=code).exclude(pk=exclude_pk).exists():
        raise Conflict(
            _("Ya existe una institución con la clave %(code)s.") % {"code": code}, field="code"
        )


def _save_new_node(institution: Institution, parent: Institution | None) -> None:
    """Save a new node and give it its path (the path needs the id)."""
    try:
        with transaction.atomic():
            institution.path = f"/new-{uuid.uuid4().hex}/"
            institution.save()
            institution.path = f"{parent.path if parent else '/'}{institution.pk}/"
            institution.save(update_fields=["path"])
    except IntegrityError as exc:  # a concurrent request took the same code
        institution.pk = None
        raise Conflict(
            _("Ya existe una institución con la clave %(code)s.") % {"code": institution.code},
            field="code",
        ) from exc


def child_kind_of(parent: Institution) -> str:
    """The kind of institution that may be created under `parent`."""
    kind = CHILD_KIND.get(parent.kind)
    if kind is None:
        raise DomainError(_("Un plantel no puede tener instituciones debajo."))
    return kind


def check_primary_color(color: str) -> str:
    """Normalize a primary colour ("#0b5d3b" -> "#0B5D3B") or refuse it: white text
    on it must reach the WCAG AA contrast ratio."""
    color = (color or "").strip().upper()
    if not COLOR_RE.match(color):
        raise DomainError(
            _("Escribe el color en formato hexadecimal, por ejemplo #0B5D3B."),
            field="primary_color",
        )
    ratio = branding.contrast_with_white(color)
    if ratio < branding.MIN_CONTRAST:
        raise DomainError(
            _(
                "El color %(c)s no contrasta lo suficiente con texto blanco "
                "(%(r).1f:1; se necesita al menos 4.5:1). Elige un tono más oscuro."
            )
            % {"c": color, "r": ratio},
            field="primary_color",
        )
    return color


def check_custom_domain(domain: str, *, exclude_pk=None, request_host=None) -> str | None:
    """Normalize a custom domain (branding.normalize_domain) or refuse it; blank -> None.

    Refused: malformed names, domains another institution has and the platform's own
    hosts (ALLOWED_HOSTS, the host the request came to). The domain institution
    `exclude_pk` already has passes as it is (it is in ALLOWED_HOSTS once it works).
    """
    domain = branding.normalize_domain(domain)
    if not domain:
        return None
    if exclude_pk and Institution.objects.filter(pk=exclude_pk, custom_domain=domain).exists():
        return domain
    if not DOMAIN_RE.match(domain):
        raise DomainError(
            _("«%(d)s» no es un dominio válido (por ejemplo plantel.conalep.edu.mx).")
            % {"d": domain},
            field="custom_domain",
        )
    if Institution.objects.filter(custom_domain=domain).exclude(pk=exclude_pk).exists():
        raise Conflict(_("Otra institución ya usa ese dominio."), field="custom_domain")
    if domain in branding.platform_hosts(request_host):
        raise DomainError(
            _(
                "«%(d)s» es una dirección de la propia plataforma; no puede ser el dominio "
                "de una institución."
            )
            % {"d": domain},
            field="custom_domain",
        )
    return domain


def _custom_domain_change(actor, institution: Institution, value, request_host) -> str | None:
    """The checked new domain; only national staff may change it."""
    unchanged = (branding.normalize_domain(value) or None) == institution.custom_domain
    if not unchanged and not branding.can_set_domains(actor):
        raise AccessDenied(
            _("Solo la administración nacional puede asignar o quitar dominios propios."),
            field="custom_domain",
        )
    return check_custom_domain(value, exclude_pk=institution.pk, request_host=request_host)


def check_logo(file) -> str:
    """Refuse anything but a PNG or JPEG image of at most 1 MB; return the file
    extension that matches its real format."""
    if file.size > LOGO_MAX_BYTES:
        raise DomainError(
            _("El logotipo pesa %(kb)d KB; el máximo es 1 MB (1024 KB).")
            % {"kb": -(-file.size // 1024)},
            field="logo",
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format, (width, height) = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise DomainError(
            _(
                "El archivo no es una imagen PNG o JPEG válida. El formato SVG no se acepta "
                "porque puede contener código."
            ),
            field="logo",
        ) from None
    finally:
        file.seek(0)
    if image_format not in LOGO_FORMATS:
        raise DomainError(
            _("El logotipo debe ser una imagen PNG o JPEG (recibimos %(f)s).")
            % {"f": image_format},
            field="logo",
        )
    if max(width, height) > LOGO_MAX_SIDE:
        raise DomainError(
            _("El logotipo mide %(w)d×%(h)d píxeles; el máximo es %(m)d por lado.")
            % {"w": width, "h": height, "m": LOGO_MAX_SIDE},
            field="logo",
        )
    return LOGO_FORMATS[image_format]


def prepare_logo(file, *, institution_code: str):
    """Check an uploaded logo and give it a fresh name whose extension matches its
    real format (so it is always served as an image, whatever it was called)."""
    extension = check_logo(file)
    file.name = f"{institution_code.lower()}-{uuid.uuid4().hex[:12]}.{extension}"
    return file


# --- Institutions -------------------------------------------------------------------------


@transaction.atomic
def create_national_office(*, code: str, name: str, short_name: str = "") -> Institution:
    """The root of the tree; created once, by set-up (no actor can exist yet)."""
    if Institution.objects.filter(parent=None).exists():
        raise Conflict(_("La oficina nacional ya existe."))
    code = code.strip().upper()
    _check_code_free(code)
    office = Institution(
        kind=Kind.NATIONAL, code=code, name=name.strip(), short_name=short_name.strip()
    )
    _validate(office, exclude=["path"])
    _save_new_node(office, None)
    tree_cache.invalidate()
    return office


@transaction.atomic
def create_institution(
    *, actor, parent: Institution, code: str, name: str, short_name: str = ""
) -> Institution:
    access.ensure(actor, Capability.MANAGE_STRUCTURE, parent)
    kind = child_kind_of(parent)
    if not parent.is_active:
        raise DomainError(_("No se pueden crear instituciones dentro de una institución inactiva."))
    code = code.strip().upper()
    _check_code_free(code)
    institution = Institution(
        kind=kind, parent=parent, code=code, name=name.strip(), short_name=short_name.strip()
    )
    _validate(institution, exclude=["path"])
    _save_new_node(institution, parent)
    tree_cache.invalidate()
    return institution


@transaction.atomic
def update_institution(
    *, actor, institution: Institution, request_host: str | None = None, **changes
) -> Institution:
    """Change an institution's data or branding.

    `logo` takes an uploaded image, or "" / None to remove the own logo (then the
    parent's is inherited); blank `display_name` / `primary_color` inherit too.
    `request_host`: the host the change was asked on (never a custom domain).
    """
    access.ensure(actor, Capability.MANAGE_STRUCTURE, institution)
    unknown = set(changes).difference(INSTITUTION_FIELDS)
    if unknown:
        raise DomainError(_("Campos no modificables: %(f)s") % {"f": ", ".join(sorted(unknown))})
    for field in ("code", "name", "short_name", "display_name"):
        if field in changes:
            changes[field] = (changes[field] or "").strip()
    if "code" in changes:
        changes["code"] = changes["code"].upper()
        _check_code_free(changes["code"], exclude_pk=institution.pk)
    if "custom_domain" in changes:
        changes["custom_domain"] = _custom_domain_change(
            actor, institution, changes["custom_domain"], request_host
        )
    if "primary_color" in changes:
        color = (changes["primary_color"] or "").strip()
        changes["primary_color"] = check_primary_color(color) if color else ""
    if changes.get("is_active") is False and institution.is_active:
        _check_can_deactivate(actor, institution)
    old_logo = institution.logo.name if institution.logo else ""
    if "logo" in changes:
        logo = changes["logo"] or ""
        changes["logo"] = prepare_logo(logo, institution_code=institution.code) if logo else ""
    with _restored_on_error(institution, changes):
        for field, value in changes.items():
            setattr(institution, field, value)
        _validate(institution)
        try:
            with transaction.atomic():
                institution.save()
        except IntegrityError as exc:  # a concurrent request took the code or domain
            if changes.get("logo") and institution.logo.name != old_logo:
                default_storage.delete(institution.logo.name)  # saved before the row failed
            raise Conflict(
                _("Otra institución acaba de tomar esa clave o ese dominio; revisa los datos.")
            ) from exc
    new_logo = institution.logo.name if institution.logo else ""
    if old_logo and old_logo != new_logo:
        transaction.on_commit(partial(default_storage.delete, old_logo))
    tree_cache.invalidate()
    return institution


def _check_can_deactivate(actor, institution: Institution) -> None:
    """Only someone who manages the parent may deactivate a node: an admin cannot
    switch off the institution their own role lives at (and lock themselves out)."""
    if institution.parent_id is None:
        raise DomainError(_("La oficina nacional no se puede desactivar."), field="is_active")
    if not access.can(actor, Capability.MANAGE_STRUCTURE, institution.parent):
        raise DomainError(
            _(
                "Solo la administración de %(parent)s puede desactivar %(institution)s; "
                "tu rol depende de esta institución."
            )
            % {"parent": institution.parent, "institution": institution},
            field="is_active",
        )


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
    _validate(career)
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
    with _restored_on_error(career, ("code", "name", "is_active")):
        career.code, career.name, career.is_active = code, name.strip(), is_active
        _validate(career)
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
    with _restored_on_error(period, ("code", "starts_on", "ends_on", "is_current")):
        period.code, period.starts_on, period.ends_on, period.is_current = (
            code,
            starts_on,
            ends_on,
            is_current,
        )
        _validate(period)
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
    _validate(group)
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
    with _restored_on_error(group, ("period", "name", "semester", "shift", "career")):
        group.period, group.name, group.semester, group.shift, group.career = (
            period,
            name,
            semester,
            shift,
            career,
        )
        _validate(group)
        _save_group(group)
    return group


# --- Memberships --------------------------------------------------------------------------


@transaction.atomic
def grant_membership(*, actor, user, institution: Institution, role: str) -> Membership:
    if role not in Role.values:
        raise DomainError(_("El rol «%(r)s» no existe.") % {"r": role}, field="role")
    access.ensure_can_grant(actor, role, institution)
    if not institution.is_active:
        raise DomainError(
            _("%(i)s está inactiva: no se pueden asignar roles ahí.") % {"i": institution},
            field="institution",
        )
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
    access.ensure_can_grant(actor, membership.role, membership.institution)
    if membership.user_id == actor.pk:
        raise DomainError(_("No puedes retirarte tus propios roles; pídeselo a otra persona."))
    membership.delete()
    access.forget(membership.user)
