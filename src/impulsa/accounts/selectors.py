"""Reads of people, always narrowed by the access rule."""

from dataclasses import dataclass

from django.db.models import Exists, Func, OuterRef, Prefetch, Q, QuerySet, TextField, Value

from impulsa.accounts.models import ImportJob, StudentProfile, User
from impulsa.org.api import (
    Capability,
    Career,
    Group,
    Institution,
    Kind,
    Membership,
    Role,
    institution_ids,
    scope,
    user_memberships,
)


def own_student_profile(user) -> StudentProfile | None:
    if not any(m.role == Role.STUDENT for m in user_memberships(user)):
        return None
    # Only what the home and profile pages show: this runs on a student's every visit.
    return (
        StudentProfile.objects.select_related("campus", "career", "group")
        .only("matricula", "semester", "campus__name", "career__name", "group__name")
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


# --- People pages and API -------------------------------------------------------------

MAX_SEARCH_TERMS = 6


def _folded(term: str) -> Func:
    """`term` folded by the same database function that fills `User.search_text`, so
    accents and case fold identically on both sides of the LIKE."""
    return Func(Value(term), function="accounts_fold", output_field=TextField())


@dataclass(frozen=True)
class PeopleFilter:
    """What the people list and the users API filter on; every part is optional.

    `curp` is a CURP already validated by the caller: it is matched exactly through
    its blind index and only among people whose personal data the viewer may see.
    """

    text: str = ""
    curp: str = ""
    institution: Institution | None = None
    role: str = ""
    career: Career | None = None
    group: Group | None = None
    semester: int | None = None
    is_active: bool | None = None


def visible_memberships(viewer, capability: Capability = Capability.VIEW_PEOPLE) -> Prefetch:
    """Prefetch of each person's memberships inside the viewer's reach, into
    `visible_memberships` (roles elsewhere in the tree are not the viewer's business)."""
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(institution__in=institution_ids(viewer, capability))
        .select_related("institution")
        .order_by("institution__path", "role"),
        to_attr="visible_memberships",
    )


def people_with_details(viewer) -> QuerySet:
    """`people(viewer)` with what a list row or a detail page shows, in bounded queries."""
    return (
        people(viewer)
        .select_related(
            "student_profile__campus", "student_profile__career", "student_profile__group"
        )
        .prefetch_related(visible_memberships(viewer))
        .order_by("last_name", "second_last_name", "first_name", "pk")
    )


def search_people(viewer, criteria: PeopleFilter) -> QuerySet:
    """People in the viewer's reach narrowed by `criteria`, ready to list."""
    queryset = people_with_details(viewer)
    if criteria.institution is not None or criteria.role:
        # Role and institution must hold on the same membership, inside the reach.
        held = Membership.objects.filter(
            user=OuterRef("pk"),
            institution__in=institution_ids(viewer, Capability.VIEW_PEOPLE),
        )
        if criteria.institution is not None:
            held = held.filter(institution__path__startswith=criteria.institution.path)
        if criteria.role:
            held = held.filter(role=criteria.role)
        queryset = queryset.filter(Exists(held))
    if criteria.curp:
        with_personal_data = people(viewer, Capability.VIEW_PERSONAL_DATA)
        queryset = queryset.filter(
            pk__in=User.objects.with_curp(criteria.curp).values("pk")
        ).filter(pk__in=with_personal_data.values("pk"))
    # A trigram index on the folded column answers each LIKE '%term%'.
    for term in criteria.text.split()[:MAX_SEARCH_TERMS]:
        queryset = queryset.filter(search_text__contains=_folded(term))
    if criteria.career is not None:
        queryset = queryset.filter(student_profile__career=criteria.career)
    if criteria.group is not None:
        queryset = queryset.filter(student_profile__group=criteria.group)
    if criteria.semester is not None:
        queryset = queryset.filter(student_profile__semester=criteria.semester)
    if criteria.is_active is not None:
        queryset = queryset.filter(is_active=criteria.is_active)
    return queryset


def institution_memberships(person) -> list[Membership]:
    """Every membership of `person`, institution loaded (for access decisions)."""
    return list(Membership.objects.filter(user=person).select_related("institution"))


def can_view_personal_data(viewer, person) -> bool:
    """The viewer sees decrypted personal data of people holding a role at an
    institution where the viewer has VIEW_PERSONAL_DATA."""
    allowed = institution_ids(viewer, Capability.VIEW_PERSONAL_DATA)
    if not allowed:
        return False
    prefetched = getattr(person, "visible_memberships", None)
    if prefetched is not None and any(m.institution_id in allowed for m in prefetched):
        return True
    return Membership.objects.filter(user=person, institution__in=allowed).exists()


def personal_data_ids(viewer, people_page) -> set[int]:
    """Ids of the people (in an already prefetched page) whose personal data the
    viewer may see; one set operation per row, no query per row."""
    allowed = institution_ids(viewer, Capability.VIEW_PERSONAL_DATA)
    return {
        person.pk
        for person in people_page
        if any(m.institution_id in allowed for m in person.visible_memberships)
    }


# --- Home -----------------------------------------------------------------------------


@dataclass(frozen=True)
class NodeCounts:
    campuses: int
    students: int
    teachers: int


def node_counts(viewer, node: Institution) -> NodeCounts:
    """How many campuses, students and teachers lie at `node` and below, as far as
    the viewer reads people there (a director's home). Three counting queries."""
    inside = Q(path__startswith=node.path)
    reach = institution_ids(viewer, Capability.VIEW_PEOPLE)
    campuses = Institution.objects.filter(
        inside, pk__in=reach, kind=Kind.CAMPUS, is_active=True
    ).count()
    students = StudentProfile.objects.filter(
        campus__in=reach, campus__path__startswith=node.path, user__is_active=True
    ).count()
    teachers = (
        Membership.objects.filter(
            institution__in=reach,
            institution__path__startswith=node.path,
            role=Role.TEACHER,
            user__is_active=True,
        )
        .values("user_id")
        .distinct()
        .count()
    )
    return NodeCounts(campuses=campuses, students=students, teachers=teachers)
