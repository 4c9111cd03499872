"""Reads, each narrowed by the access rule (org.access.related_scope): campus, state and
national staff read down the tree (VIEW_DUAL); a company instructor reaches what hangs
from their company's placements; a dual tutor their assigned students; a student their
own placement. Confidential incidents are left out for anyone but staff, the student's
tutor, whoever reported them and whoever must resolve them."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from impulsa.dual.models import (
    Agreement,
    Company,
    Incident,
    IncidentKind,
    LogbookEntry,
    Notice,
    Placement,
    Position,
    RotationTemplate,
    Visit,
)
from impulsa.learning.api import PublishedActivity, my_enrollments
from impulsa.org.api import Capability, Relation, Role, can, holds_role_at, institution_ids
from impulsa.org.api import related_scope as _related

CONFIDENTIAL_KINDS = frozenset({IncidentKind.HARASSMENT})

_INSTRUCTOR = Relation.COMPANY_INSTRUCTOR
_TUTOR = Relation.DUAL_TUTOR
_STUDENT = Relation.STUDENT


def _placement_relations(prefix: str = "") -> dict:
    return {
        _INSTRUCTOR: f"{prefix}company__instructors",
        _TUTOR: f"{prefix}tutor",
        _STUDENT: f"{prefix}student",
    }


def companies(user) -> QuerySet[Company]:
    return _related(
        Company.objects.all(),
        user,
        Capability.VIEW_DUAL,
        via="campus",
        relations={_INSTRUCTOR: "instructors"},
    )


def positions(user) -> QuerySet[Position]:
    return _related(
        Position.objects.select_related("company", "career"),
        user,
        Capability.VIEW_DUAL,
        via="campus",
        relations={_INSTRUCTOR: "company__instructors"},
    )


def templates(user) -> QuerySet[RotationTemplate]:
    return _related(
        RotationTemplate.objects.select_related("company", "career"),
        user,
        Capability.VIEW_DUAL,
        via="campus",
        relations={_INSTRUCTOR: "company__instructors"},
    )


def agreements(user) -> QuerySet[Agreement]:
    return _related(
        Agreement.objects.select_related("company", "student"),
        user,
        Capability.VIEW_DUAL,
        via="campus",
        relations={_INSTRUCTOR: "company__instructors", _STUDENT: "student"},
    )


def placements(user) -> QuerySet[Placement]:
    return _related(
        Placement.objects.select_related("student", "company", "tutor", "campus"),
        user,
        Capability.VIEW_DUAL,
        via="campus",
        relations=_placement_relations(),
    )


def logbook(user) -> QuerySet[LogbookEntry]:
    return _related(
        LogbookEntry.objects.select_related("placement__student", "placement__company"),
        user,
        Capability.VIEW_DUAL,
        via="placement__campus",
        relations=_placement_relations("placement__"),
    )


def visits(user) -> QuerySet[Visit]:
    return _related(
        Visit.objects.select_related("placement__student", "placement__company", "tutor"),
        user,
        Capability.VIEW_DUAL,
        via="campus",
        relations=_placement_relations("placement__"),
    )


def incidents(user) -> QuerySet[Incident]:
    reachable = _related(
        Incident.objects.select_related("placement__student", "placement__company", "assigned_to"),
        user,
        Capability.VIEW_DUAL,
        via="campus",
        relations=_placement_relations("placement__"),
    )
    if not user.is_authenticated:
        return reachable
    return reachable.filter(
        ~Q(kind__in=CONFIDENTIAL_KINDS)
        | Q(campus__in=institution_ids(user, Capability.VIEW_DUAL))
        | Q(placement__tutor=user)
        | Q(reported_by=user)
        | Q(assigned_to=user)
    )


def notices(user) -> QuerySet[Notice]:
    if not user.is_authenticated:
        return Notice.objects.none()
    return Notice.objects.filter(user=user)


def roles_on(user, placement: Placement) -> frozenset[str]:
    """What the user is to this placement: "staff" (MANAGE_DUAL at its campus), "viewer"
    (VIEW_DUAL), "instructor", "tutor", "student" (each relation with its role held)."""
    campus = placement.campus
    found = set()
    if can(user, Capability.MANAGE_DUAL, campus):
        found.add("staff")
    if can(user, Capability.VIEW_DUAL, campus):
        found.add("viewer")
    if holds_role_at(user, Role.COMPANY_INSTRUCTOR, campus) and (
        placement.company.instructors.filter(pk=user.pk).exists()
    ):
        found.add("instructor")
    if placement.tutor_id == user.pk and holds_role_at(user, Role.DUAL_TUTOR, campus):
        found.add("tutor")
    if placement.student_id == user.pk and holds_role_at(user, Role.STUDENT, campus):
        found.add("student")
    return frozenset(found)


@dataclass(frozen=True)
class StationContent:
    """Where a competency of the student's station is taught: an activity of the
    player tagged with it, else the course the student takes, else neither (the
    page then points to «Mis cursos»)."""

    skill: object
    enrollment_id: int | None = None
    activity_key: object = None
    title: str = ""


def station_content(student, skills) -> list[StationContent]:
    """The player's content for each skill, in the student's own current enrollments
    (two queries, whatever the number of skills)."""
    skills = list(skills)
    enrollments = {
        e.course_id: e
        for e in my_enrollments(student).filter(course__in={s.course_id for s in skills})
    }
    tagged = Q(pk__in=[])
    for skill in skills:
        if skill.course_id in enrollments:
            version = enrollments[skill.course_id].version_id
            tagged |= Q(version=version, skill_codes__contains=[skill.code])
    activities = sorted(
        PublishedActivity.objects.filter(tagged).only(
            "version", "key", "kind", "title", "skill_codes"
        ),
        key=lambda a: (a.kind != "content", a.pk),  # reading first, then practice
    )
    found = []
    for skill in skills:
        enrollment = enrollments.get(skill.course_id)
        if enrollment is None:
            found.append(StationContent(skill))
            continue
        match = next(
            (a for a in activities
             if a.version_id == enrollment.version_id and skill.code in a.skill_codes),
            None,
        )  # fmt: skip
        found.append(
            StationContent(skill, enrollment.pk, match.key, match.title)
            if match
            else StationContent(skill, enrollment.pk)
        )
    return found
