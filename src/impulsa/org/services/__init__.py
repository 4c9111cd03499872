"""Every write to the institution tree, careers, periods, groups and memberships.

Each service checks access on its first line, runs in a transaction and raises a
DomainError (or Conflict) or an AccessDenied with a Spanish message; on refusal
nothing is written and the object passed in keeps its previous values.
"""

from impulsa.org.services.academic import (
    can_manage_periods,
    create_career,
    create_group,
    current_period,
    save_period,
    update_career,
    update_group,
)
from impulsa.org.services.branding_checks import (
    check_custom_domain,
    check_logo,
    check_primary_color,
    prepare_logo,
)
from impulsa.org.services.institutions import (
    CHILD_KIND,
    INSTITUTION_FIELDS,
    child_kind_of,
    create_institution,
    create_national_office,
    update_institution,
)
from impulsa.org.services.memberships import (
    grant_first_national_admin,
    grant_membership,
    revoke_membership,
)

__all__ = [
    "CHILD_KIND",
    "INSTITUTION_FIELDS",
    "can_manage_periods",
    "check_custom_domain",
    "check_logo",
    "check_primary_color",
    "child_kind_of",
    "create_career",
    "create_group",
    "create_institution",
    "create_national_office",
    "current_period",
    "grant_first_national_admin",
    "grant_membership",
    "prepare_logo",
    "revoke_membership",
    "save_period",
    "update_career",
    "update_group",
    "update_institution",
]
