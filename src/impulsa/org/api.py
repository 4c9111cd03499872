"""What other apps may use from org (OEP-49): these names only, never org's modules.

Models: only for reading (queries, foreign keys, types). People's profiles point at
an `Institution`, `Career` and `Group`, the student import plans against the
existing careers, groups, periods and `Membership` rows, and the people pages list
who holds which role: so those stay importable. Every write goes through a service
below: the tree and its parts through `create_*`/`update_*`/`save_period`, roles
through `grant_membership`/`revoke_membership` or, by the thousand, the batch calls.

Selectors named `reachable_*` return only what the viewer reaches with the
capability (the access rule), as every read from another app must.
"""

from collections.abc import Callable

from impulsa.org.access import (
    Grant,
    Relation,
    can,
    common_institution_id,
    ensure,
    ensure_can_grant,
    grants,
    has_anywhere,
    holds_role_at,
    institution_ids,
    offering_ids,
    primary_institution_id,
    related_scope,
    requires_two_factor,
    scope,
)
from impulsa.org.access import memberships as user_memberships
from impulsa.org.models import AcademicPeriod, Career, Group, Institution, Membership
from impulsa.org.pickers import group_search_box, resolve_group
from impulsa.org.roles import TWO_FACTOR_ROLES, Capability, Kind, Role
from impulsa.org.selectors import campuses as reachable_campuses
from impulsa.org.selectors import careers as reachable_careers
from impulsa.org.selectors import groups as reachable_groups
from impulsa.org.selectors import institutions as reachable_institutions
from impulsa.org.selectors import memberships as reachable_memberships
from impulsa.org.selectors import tree_base_depth
from impulsa.org.services import (
    create_career,
    create_group,
    create_institution,
    create_national_office,
    current_period,
    grant_first_national_admin,
    grant_membership,
    revoke_membership,
    save_period,
    update_institution,
)
from impulsa.org.services.batches import (
    RoleGrant,
    add_memberships,
    move_memberships,
    remove_memberships,
)
from impulsa.org.tree_cache import root_institution_id


def has_capability(capability: Capability) -> Callable[[object], bool]:
    """A check on a user (e.g. who sees a navigation entry): holds `capability` somewhere."""
    return lambda user: has_anywhere(user, capability)


__all__ = [
    "TWO_FACTOR_ROLES",
    "AcademicPeriod",
    "Capability",
    "Career",
    "Grant",
    "Group",
    "Institution",
    "Kind",
    "Membership",
    "Relation",
    "Role",
    "RoleGrant",
    "add_memberships",
    "can",
    "common_institution_id",
    "create_career",
    "create_group",
    "create_institution",
    "create_national_office",
    "current_period",
    "ensure",
    "ensure_can_grant",
    "grant_first_national_admin",
    "grant_membership",
    "grants",
    "group_search_box",
    "has_anywhere",
    "has_capability",
    "holds_role_at",
    "institution_ids",
    "move_memberships",
    "offering_ids",
    "primary_institution_id",
    "reachable_campuses",
    "reachable_careers",
    "reachable_groups",
    "reachable_institutions",
    "reachable_memberships",
    "related_scope",
    "remove_memberships",
    "requires_two_factor",
    "resolve_group",
    "revoke_membership",
    "root_institution_id",
    "save_period",
    "scope",
    "tree_base_depth",
    "update_institution",
    "user_memberships",
]
