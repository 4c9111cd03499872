"""The access rule, in one place.

A role held at an institution reaches that institution and everything below it,
nothing beside or above it. Every selector in every app narrows its queryset
through `scope()` (or asks `can()` about one institution); nothing else decides
who sees what.

A user's grants are kept by each process under the "org.tree" and "org.memberships"
cache versions (core/cache_versions.py), which triggers move on every write to
institutions and memberships: a role granted or removed through any process, or a
campus deactivated, counts from the next request everywhere. Within a request they
are kept on the user object.
"""

import posixpath
from dataclasses import dataclass
from enum import StrEnum
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from impulsa.core.cache_versions import ProcessCache
from impulsa.core.errors import AccessDenied, DomainError
from impulsa.org import tree_cache
from impulsa.org.models import Institution, Membership
from impulsa.org.roles import (
    ADMIN_RANK,
    ROLE_CAPABILITIES,
    ROLE_KINDS,
    TWO_FACTOR_ROLES,
    Capability,
    Role,
)

_CACHE_ATTR = "_impulsa_access"


@dataclass(frozen=True)
class Grant:
    institution_id: int
    path: str
    kind: str
    role: str


# What the rule and the pages listing someone's roles need; this query runs on every
# signed-in request, so it loads nothing else (no branding, timestamps, ...).
_MEMBERSHIP_FIELDS = (
    "role",
    "user_id",
    "institution__path",
    "institution__kind",
    "institution__name",
    "institution__short_name",
    "institution__parent_id",
)


# user id -> (memberships, grants); outermost paths -> institution ids below them.
_by_user = ProcessCache("org.tree", "org.memberships", maxsize=20_000)
_below = ProcessCache("org.tree", maxsize=4096)


def _load(user_id: int) -> tuple[tuple[Membership, ...], tuple[Grant, ...]]:
    # A membership counts only while its institution and every ancestor are active:
    # deactivating a state college switches off the roles held at its campuses.
    inactive = tree_cache.inactive_institution_ids()
    memberships = tuple(
        m
        for m in Membership.objects.filter(user_id=user_id)
        .select_related("institution")
        .only(*_MEMBERSHIP_FIELDS)
        .order_by("institution__path", "role")
        if inactive.isdisjoint(m.institution.ancestor_ids)
    )
    grants = tuple(
        Grant(m.institution_id, m.institution.path, m.institution.kind, m.role) for m in memberships
    )
    return memberships, grants


def _institutions_below(paths: tuple[str, ...]) -> frozenset[int]:
    if not paths:
        return frozenset()
    condition = reduce(or_, (Q(path__startswith=p) for p in paths))
    return frozenset(Institution.objects.filter(condition).values_list("id", flat=True))


class _UserAccess:
    def __init__(self, user):
        self.memberships, self.grants = _by_user.get(user.pk, lambda: _load(user.pk))
        self._ids: dict[Capability, frozenset[int]] = {}

    def paths(self, capability: Capability) -> list[str]:
        return [g.path for g in self.grants if capability in ROLE_CAPABILITIES[g.role]]

    def institution_ids(self, capability: Capability) -> frozenset[int]:
        if capability not in self._ids:
            paths = tuple(_outermost(self.paths(capability)))
            self._ids[capability] = _below.get(paths, lambda: _institutions_below(paths))
        return self._ids[capability]


def _outermost(paths: list[str]) -> list[str]:
    """Drop paths already covered by an ancestor's path."""
    kept: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return kept


def _access(user) -> _UserAccess:
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = _UserAccess(user)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget(user) -> None:
    """Drop the per-request copy after the user's memberships change (the process
    cache follows the version the change moved)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def grants(user) -> tuple[Grant, ...]:
    if not user.is_authenticated:
        return ()
    return _access(user).grants


def memberships(user) -> tuple[Membership, ...]:
    """The user's memberships at active institutions, institution loaded."""
    if not user.is_authenticated:
        return ()
    return _access(user).memberships


def institution_ids(user, capability: Capability) -> frozenset[int]:
    """Ids of every institution the user reaches with this capability."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    return _access(user).institution_ids(capability)


def can(user, capability: Capability, institution: Institution) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return any(institution.path.startswith(p) for p in _access(user).paths(capability))


def has_anywhere(user, capability: Capability) -> bool:
    return user.is_authenticated and user.is_active and bool(_access(user).paths(capability))


def scope(queryset: QuerySet, user, capability: Capability, via: str = "campus") -> QuerySet:
    """Narrow `queryset` to rows whose institution (reached through `via`) the
    user reaches with `capability`. `via` is a lookup path to an Institution
    foreign key, e.g. "campus", "institution" or "profile__campus"."""
    return queryset.filter(**{f"{via}__in": institution_ids(user, capability)})


class Relation(StrEnum):
    """Ways to reach a record through a relationship instead of the tree (dual placements).
    Each needs its role: held at an active institution at or above the record's campus."""

    COMPANY_INSTRUCTOR = "company_instructor"  # through placements at the user's company
    DUAL_TUTOR = "dual_tutor"  # through the students assigned to the user
    STUDENT = "student"  # the student the record is about


_RELATION_ROLES = {
    Relation.COMPANY_INSTRUCTOR: Role.COMPANY_INSTRUCTOR,
    Relation.DUAL_TUTOR: Role.DUAL_TUTOR,
    Relation.STUDENT: Role.STUDENT,
}


def related_scope(
    queryset: QuerySet, user, capability: Capability, *, via: str, relations: dict
) -> QuerySet:
    """The tree rule (`scope`) widened by relationships: rows whose institution the user
    reaches with `capability`, plus rows where `relations[relation]`, a lookup from the
    row to a user id ("company__instructors", "tutor", "student"), names the user, for
    each relation whose role the user holds at or above the row's institution. Dual's
    selectors (companies, positions, placements, logbooks, visits, incidents) rely on
    it; a second company's instructor or another tutor is named by no lookup."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    condition = Q(**{f"{via}__in": institution_ids(user, capability)})
    access = _access(user)
    for relation, lookup in relations.items():
        role = _RELATION_ROLES[Relation(relation)]
        paths = tuple(_outermost([g.path for g in access.grants if g.role == role]))
        if not paths:
            continue
        where = _below.get(paths, lambda paths=paths: _institutions_below(paths))
        related = queryset.model._base_manager.filter(**{lookup: user.pk, f"{via}__in": where})
        condition |= Q(pk__in=related.values("pk"))
    return queryset.filter(condition)


def holds_role_at(user, role: str, institution: Institution) -> bool:
    """Whether the user holds `role` at `institution` or above it (a relationship's
    precondition: a tutor assigned at a campus must be a dual tutor there)."""
    return any(g.role == role and institution.path.startswith(g.path) for g in grants(user))


def offering_ids(user, capability: Capability) -> frozenset[int]:
    """Institutions whose shared offerings (courses, say) the user may use with
    `capability`: what the user reaches, plus every ancestor of the nodes where the
    capability is held (a campus uses the national office's courses)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    ancestors = {
        int(part)
        for path in _access(user).paths(capability)
        for part in path.strip("/").split("/")
        if part
    }
    return institution_ids(user, capability) | ancestors


def ensure(user, capability: Capability, institution: Institution) -> None:
    """First line of every service that changes something under an institution."""
    if not can(user, capability, institution):
        raise AccessDenied(
            _("No tienes permiso para hacer esto en %(institution)s.")
            % {"institution": institution}
        )


def admin_rank_at(user, institution: Institution) -> int:
    ranks = [ADMIN_RANK.get(g.role, 0) for g in grants(user) if institution.path.startswith(g.path)]
    return max(ranks, default=0)


def ensure_can_grant(actor, role: str, institution: Institution) -> None:
    """A role may be granted by someone who manages people at that node and whose
    own admin rank there is at least the role's (a state admin cannot make a
    national admin); and only at the kind of node the role belongs to."""
    ensure(actor, Capability.MANAGE_PEOPLE, institution)
    if institution.kind not in ROLE_KINDS[role]:
        raise DomainError(
            _("El rol «%(role)s» no se puede asignar en %(kind)s.")
            % {"role": Role(role).label, "kind": institution.get_kind_display().lower()},
            field="role",
        )
    if ADMIN_RANK.get(role, 0) > admin_rank_at(actor, institution):
        raise AccessDenied(
            _("No puedes asignar el rol «%(role)s»: está por encima del tuyo.")
            % {"role": Role(role).label}
        )


def primary_institution_id(user) -> int | None:
    """The deepest institution the user belongs to (their campus, usually)."""
    chosen = max(grants(user), key=lambda g: len(g.path), default=None)
    return chosen.institution_id if chosen else None


def common_institution_id(user_id: int) -> int | None:
    """The deepest institution at or above every one of the person's memberships, read
    fresh (audit entries are written while memberships may be changing). Entries about
    a person (log-ins with their address, their account) are filed there: under any one
    of several campuses, that campus alone would read the person's activity at the
    others. None without memberships (then only the national office reads them)."""
    paths = list(
        Membership.objects.filter(user_id=user_id).values_list("institution__path", flat=True)
    )
    common = posixpath.commonpath(paths) if paths else "/"  # whole path components only
    return int(posixpath.basename(common)) if common != "/" else None


def requires_two_factor(user) -> bool:
    return any(g.role in TWO_FACTOR_ROLES for g in grants(user))
