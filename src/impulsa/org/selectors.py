"""Reads of the institution tree and its parts, always narrowed by the access rule."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db.models import F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Length, Replace

from impulsa.org import branding
from impulsa.org.access import grants, has_anywhere, scope
from impulsa.org.models import AcademicPeriod, Career, Group, Institution, Membership
from impulsa.org.roles import ROLE_CAPABILITIES, Capability, Kind


def institutions(user, capability: Capability = Capability.VIEW_STRUCTURE) -> QuerySet:
    return scope(Institution.objects.select_related("parent"), user, capability, via="pk")


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT(*) of `queryset` as an integer annotation."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def institution_tree(user, *, query: str = "") -> QuerySet:
    """Visible institutions in tree order (the materialized path), each with its
    depth (1 = national office), the active careers and campuses in its subtree and
    its number of direct children; `query` matches name, short name or code."""
    below = Q(path__startswith=OuterRef("path")) & ~Q(pk=OuterRef("pk"))
    queryset = institutions(user).annotate(
        depth=Length("path") - Length(Replace("path", Value("/"), Value(""))) - 1,
        career_count=_count(
            Career.objects.filter(campus__path__startswith=OuterRef("path"), is_active=True)
        ),
        campus_count=_count(Institution.objects.filter(below, kind=Kind.CAMPUS)),
        child_count=_count(Institution.objects.filter(parent=OuterRef("pk"))),
    )
    return matching(queryset, query).order_by("path")


def matching(queryset: QuerySet, query: str) -> QuerySet:
    """Institutions whose name, short name or code contains `query` (any case)."""
    query = (query or "").strip()
    if not query:
        return queryset
    return queryset.filter(
        Q(name__icontains=query) | Q(short_name__icontains=query) | Q(code__icontains=query)
    )


def tree_base_depth(user, capability: Capability = Capability.VIEW_STRUCTURE) -> int:
    """Depth of the highest node the user reaches, so their tree indents from there."""
    depths = [
        g.path.strip("/").count("/") + 1
        for g in grants(user)
        if capability in ROLE_CAPABILITIES[g.role]
    ]
    return min(depths, default=1)


def children(user, institution: Institution) -> QuerySet:
    """Direct children of a visible institution, with the tree's counts."""
    return institution_tree(user).filter(parent=institution)


def ancestors(institution: Institution) -> list[Institution]:
    """The institutions above this one, root first. Their names are public (they
    appear in every page's branding); reaching them is another matter."""
    ids = institution.ancestor_ids[:-1]
    return list(Institution.objects.filter(pk__in=ids).order_by("path")) if ids else []


def campuses(user, capability: Capability = Capability.VIEW_STRUCTURE) -> QuerySet:
    return institutions(user, capability).filter(kind=Kind.CAMPUS)


def careers(user, capability: Capability = Capability.VIEW_STRUCTURE) -> QuerySet:
    return scope(Career.objects.select_related("campus"), user, capability)


def groups(user, capability: Capability = Capability.VIEW_STRUCTURE) -> QuerySet:
    return scope(
        Group.objects.select_related("campus", "period", "career"), user, capability
    ).order_by("period", "name")


def periods(user=None) -> QuerySet:
    """Periods are national: every staff member who reads the structure reads the
    same calendar. Without `user` (internal callers) every period is returned."""
    queryset = AcademicPeriod.objects.all()
    if user is not None and not has_anywhere(user, Capability.VIEW_STRUCTURE):
        return queryset.none()
    return queryset


def default_period() -> AcademicPeriod | None:
    """The current period, or the latest one when none is marked current."""
    return (
        AcademicPeriod.objects.filter(is_current=True).first()
        or AcademicPeriod.objects.order_by("-starts_on").first()
    )


def memberships(user, capability: Capability = Capability.VIEW_PEOPLE) -> QuerySet:
    return scope(
        Membership.objects.select_related("institution", "user"),
        user,
        capability,
        via="institution",
    )


# --- Branding, with where each part comes from -----------------------------------------


@dataclass(frozen=True)
class BrandingPart:
    value: str
    source: Institution | None  # None: the platform's default

    def inherited_for(self, institution: Institution) -> bool:
        return self.source is None or self.source.pk != institution.pk


@dataclass(frozen=True)
class EffectiveBranding:
    display_name: BrandingPart
    logo_url: BrandingPart
    primary_color: BrandingPart


_BRANDING_FIELDS = ("path", "name", "short_name", "display_name", "logo", "primary_color")


def effective_branding(nodes: Iterable[Institution]) -> dict[int, EffectiveBranding]:
    """What each institution shows (its own value or the nearest ancestor's, as
    org.branding resolves it) and which institution each part comes from. One
    query for any number of institutions."""
    nodes = list(nodes)
    ids = {pk for node in nodes for pk in node.ancestor_ids}
    loaded = {i.pk: i for i in Institution.objects.filter(pk__in=ids).only(*_BRANDING_FIELDS)}
    result = {}
    for node in nodes:
        chain = [loaded[pk] for pk in reversed(node.ancestor_ids) if pk in loaded]

        def nearest(attribute: str, chain=chain) -> tuple[str, Institution | None]:
            for institution in chain:
                value = getattr(institution, attribute)
                if value:
                    return str(value), institution
            return "", None

        name, name_source = nearest("display_name")
        logo, logo_source = nearest("logo")
        color, color_source = nearest("primary_color")
        result[node.pk] = EffectiveBranding(
            display_name=BrandingPart(name or branding.DEFAULT_NAME, name_source),
            logo_url=BrandingPart(default_storage.url(logo) if logo else "", logo_source),
            primary_color=BrandingPart(color or branding.DEFAULT_COLOR, color_source),
        )
    return result
