"""Reads of people, always narrowed by the access rule."""

from django.db.models import Exists, OuterRef, QuerySet

from impulsa.accounts.models import ImportJob, StudentProfile, User
from impulsa.org.api import Capability, Membership, Role, access, institution_ids, scope


def own_student_profile(user) -> StudentProfile | None:
    if not any(m.role == Role.STUDENT for m in access.memberships(user)):
        return None
    return (
        StudentProfile.objects.select_related("campus", "career", "group", "group__period")
        .filter(user=user)
        .first()
    )


def people(viewer, capability: Capability = Capability.VIEW_PEOPLE) -> QuerySet:
    """Users holding any role inside the viewer's reach (the viewer included)."""
    reachable = Membership.objects.filter(
        user=OuterRef("pk"), institution__in=institution_ids(viewer, capability)
    )
    return User.objects.filter(Exists(reachable))


def students(viewer, capability: Capability = Capability.VIEW_PEOPLE) -> QuerySet:
    return scope(
        StudentProfile.objects.select_related("user", "campus", "career", "group"),
        viewer,
        capability,
    )


def import_jobs(viewer) -> QuerySet:
    return scope(
        ImportJob.objects.select_related("institution", "created_by"),
        viewer,
        Capability.MANAGE_PEOPLE,
        via="institution",
    )
