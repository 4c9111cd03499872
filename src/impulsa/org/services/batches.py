"""Roles granted, moved and taken away by the thousand, for batch paths (the student
import): the grant rule is checked once per institution and role, the rows are
written in a few statements, and no model signal fires, so the caller audits the
batch as a whole."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from impulsa.core.bulk import BATCH, bulk_set
from impulsa.core.errors import DomainError
from impulsa.org import access
from impulsa.org.models import Institution, Membership


@dataclass(frozen=True)
class RoleGrant:
    user_id: int
    institution_id: int
    role: str


def _ensure_can_grant_all(actor, pairs: Iterable[tuple[int, str]], *, active=True) -> None:
    """The single grant's rule (org.access.ensure_can_grant and, when `active`, an
    active institution) for each distinct (institution id, role)."""
    pairs = set(pairs)
    institutions = Institution.objects.in_bulk({institution_id for institution_id, _r in pairs})
    for institution_id, role in pairs:
        institution = institutions.get(institution_id)
        if institution is None:
            raise DomainError(_("La institución ya no existe."))
        access.ensure_can_grant(actor, role, institution)
        if active and not institution.is_active:
            raise DomainError(
                _("%(i)s está inactiva: no se pueden asignar roles ahí.") % {"i": institution}
            )


@transaction.atomic
def add_memberships(*, actor, grants: Sequence[RoleGrant]) -> None:
    """Grant every role in `grants` (granted_by `actor`)."""
    _ensure_can_grant_all(actor, ((g.institution_id, g.role) for g in grants))
    Membership.objects.bulk_create(
        [
            Membership(
                user_id=g.user_id, institution_id=g.institution_id, role=g.role, granted_by=actor
            )
            for g in grants
        ],
        batch_size=BATCH,
    )


@transaction.atomic
def move_memberships(*, actor, moves: Sequence[tuple[Membership, int]]) -> None:
    """Move each membership to another institution (a student changing campus keeps
    the role's history): the actor must be able to grant the role at both ends."""
    # Leaving a deactivated campus is how its students are moved elsewhere.
    _ensure_can_grant_all(actor, ((m.institution_id, m.role) for m, _to in moves), active=False)
    _ensure_can_grant_all(actor, ((to, m.role) for m, to in moves))
    for membership, to_institution_id in moves:
        membership.institution_id = to_institution_id
    bulk_set(Membership, [m for m, _to in moves], {"institution_id"})


@transaction.atomic
def remove_memberships(*, actor, memberships: Sequence[Membership]) -> None:
    _ensure_can_grant_all(actor, ((m.institution_id, m.role) for m in memberships), active=False)
    Membership.objects.filter(pk__in=[m.pk for m in memberships]).delete()
