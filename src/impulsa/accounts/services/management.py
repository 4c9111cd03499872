"""Who may change a person's account.

Someone who manages people (MANAGE_PEOPLE) at every institution where the person
holds a role, and who could have granted each of the person's admin roles. "One of
the person's institutions" is not enough: a campus admin must not be able to reset
the password of a national director who also teaches at their campus and so borrow
the director's reach. Platform operators (Django admin access) are managed from the
Django admin only.
"""

from django.utils.translation import gettext as _

from impulsa.accounts import selectors
from impulsa.core.errors import AccessDenied, DomainError
from impulsa.org.api import TWO_FACTOR_ROLES, Capability, can, ensure_can_grant


def management_refusal(actor, person) -> str | None:
    """Why `actor` may not change `person`'s account, or None when they may."""
    if person.is_staff or person.is_superuser:
        return _(
            "Esta cuenta es de operación de la plataforma; se administra desde el panel "
            "de administración de Django."
        )
    memberships = selectors.institution_memberships(person)
    if not memberships:
        return _("Esta persona no tiene roles; solo la operación de la plataforma puede cambiarla.")
    for membership in memberships:
        if not can(actor, Capability.MANAGE_PEOPLE, membership.institution):
            return _(
                "Esta persona también tiene un rol fuera de tu alcance; solo quien administra "
                "todos sus roles puede cambiar su cuenta."
            )
        if membership.role in TWO_FACTOR_ROLES:
            try:
                ensure_can_grant(actor, membership.role, membership.institution)
            except (AccessDenied, DomainError):
                return _(
                    "Esta persona es %(role)s en %(institution)s, un rol que tú no puedes "
                    "asignar; no puedes cambiar su cuenta."
                ) % {"role": membership.get_role_display(), "institution": membership.institution}
    return None


def can_manage(actor, person) -> bool:
    return management_refusal(actor, person) is None


def ensure_can_manage(actor, person) -> None:
    """First line of every service that changes a person's account."""
    refusal = management_refusal(actor, person)
    if refusal is not None:
        raise AccessDenied(refusal)
