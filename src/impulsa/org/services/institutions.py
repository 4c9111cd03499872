"""Writes to the institution tree: the national office, states and campuses."""

import uuid
from functools import partial

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from impulsa.core.errors import Conflict, DomainError
from impulsa.org import access, tree_cache
from impulsa.org.models import Institution
from impulsa.org.roles import Capability, Kind
from impulsa.org.services.branding_checks import (
    check_primary_color,
    custom_domain_change,
    prepare_logo,
)
from impulsa.org.services.common import restored_on_error, validate

CHILD_KIND = {Kind.NATIONAL: Kind.STATE, Kind.STATE: Kind.CAMPUS}
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
    validate(office, exclude=["path"])
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
    validate(institution, exclude=["path"])
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
        changes["custom_domain"] = custom_domain_change(
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
    with restored_on_error(institution, changes):
        for field, value in changes.items():
            setattr(institution, field, value)
        validate(institution)
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
