"""What other apps may use from org (OEP-49): import from here, never from org's modules."""

from impulsa.org import access, branding, selectors, services
from impulsa.org.access import Grant, can, ensure, grants, has_anywhere, institution_ids, scope
from impulsa.org.models import AcademicPeriod, Career, Group, Institution, Membership
from impulsa.org.roles import ROLE_KINDS, TWO_FACTOR_ROLES, Capability, Kind, Role

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
    "access",
    "branding",
    "can",
    "ensure",
    "grants",
    "has_anywhere",
    "institution_ids",
    "scope",
    "selectors",
    "services",
]
