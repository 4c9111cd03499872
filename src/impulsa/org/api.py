"""What other apps may use from org (OEP-49): import from here, never from org's modules."""

from collections.abc import Callable

from impulsa.org import access, branding, selectors, services, tree_cache
from impulsa.org.access import (
    Grant,
    can,
    ensure,
    grants,
    has_anywhere,
    institution_ids,
    offering_ids,
    primary_institution_id,
    scope,
)
from impulsa.org.models import AcademicPeriod, Career, Group, Institution, Membership
from impulsa.org.pickers import group_label, group_search_box, resolve_group
from impulsa.org.roles import ROLE_KINDS, TWO_FACTOR_ROLES, Capability, Kind, Role
from impulsa.org.services import create_group, grant_membership, revoke_membership
from impulsa.org.services.batches import (
    RoleGrant,
    add_memberships,
    move_memberships,
    remove_memberships,
)


def has_capability(capability: Capability) -> Callable[[object], bool]:
    """A check on a user (e.g. who sees a navigation entry): holds `capability` somewhere."""
    return lambda user: has_anywhere(user, capability)


__all__ = [
    "ROLE_KINDS",
    "TWO_FACTOR_ROLES",
    "AcademicPeriod",
    "Capability",
    "Career",
    "Grant",
    "Group",
    "Institution",
    "Kind",
    "Membership",
    "Role",
    "RoleGrant",
    "access",
    "add_memberships",
    "branding",
    "can",
    "create_group",
    "ensure",
    "grant_membership",
    "grants",
    "group_label",
    "group_search_box",
    "has_anywhere",
    "has_capability",
    "institution_ids",
    "move_memberships",
    "offering_ids",
    "primary_institution_id",
    "remove_memberships",
    "resolve_group",
    "revoke_membership",
    "scope",
    "selectors",
    "services",
    "tree_cache",
]
