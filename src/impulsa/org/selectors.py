"""Reads of the institution tree and its parts, always narrowed by the access rule."""

from django.db.models import Count, QuerySet

from impulsa.org.access import scope
from impulsa.org.models import AcademicPeriod, Career, Group, Institution, Membership
from impulsa.org.roles import Capability, Kind


def institutions(user, capability: Capability = Capability.VIEW_STRUCTURE) -> QuerySet:
    return scope(Institution.objects.select_related("parent"), user, capability, via="pk")


def institution_tree(user) -> QuerySet:
    """Visible institutions in tree order, with how many careers and children each has."""
    return institutions(user).annotate(
        career_count=Count("careers", distinct=True), child_count=Count("children", distinct=True)
    )


def campuses(user, capability: Capability = Capability.VIEW_STRUCTURE) -> QuerySet:
    return institutions(user, capability).filter(kind=Kind.CAMPUS)


def careers(user, capability: Capability = Capability.VIEW_STRUCTURE) -> QuerySet:
    return scope(Career.objects.select_related("campus"), user, capability)


def groups(user, capability: Capability = Capability.VIEW_STRUCTURE) -> QuerySet:
    return scope(
        Group.objects.select_related("campus", "period", "career"), user, capability
    ).order_by("period", "name")


def periods() -> QuerySet:
    """Periods are national: every signed-in staff member reads the same calendar."""
    return AcademicPeriod.objects.all()


def memberships(user, capability: Capability = Capability.VIEW_PEOPLE) -> QuerySet:
    return scope(
        Membership.objects.select_related("institution", "user"),
        user,
        capability,
        via="institution",
    )
