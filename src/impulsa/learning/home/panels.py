"""What learning contributes to the home page (core/home_panels.py): a student's
courses with "Continuar" first; a teacher's groups with each student's progress and
who has not worked lately; and a director's learning figures.

Every read goes through the scoped selectors, in a fixed number of queries whatever
the number of groups, students or courses (outlines come from publishing.version_cache,
which each process remembers).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.accounts.api import reachable_students
from impulsa.core.home_panels import Figure, HomePanel, register, register_figures
from impulsa.learning.enrollment import selectors
from impulsa.learning.events import progress
from impulsa.learning.models import ActivityProgress, EnrollmentStatus, ProgressStatus
from impulsa.learning.player.selectors import my_enrollments
from impulsa.learning.publishing.version_cache import outline
from impulsa.org.api import Capability, Role, grants, reachable_groups

# A student with courses under way and no activity for this long is shown to the teacher.
IDLE_AFTER = datetime.timedelta(days=7)


@dataclass(frozen=True)
class CourseCard:
    enrollment: object
    tally: progress.Tally
    url: str
    started: bool


def _resume_url(enrollment, summary) -> str:
    key = summary.resume_key(enrollment.last_activity_key)
    if key is None or enrollment.status != EnrollmentStatus.ACTIVE:
        return reverse("player:course", kwargs={"enrollment_id": enrollment.pk})
    return reverse("player:activity", kwargs={"enrollment_id": enrollment.pk, "activity_key": key})


def _student_courses(request) -> dict | None:
    user = request.user
    if not any(g.role == Role.STUDENT for g in grants(user)):
        return None
    enrollments = list(
        my_enrollments(user).order_by(F("last_seen_at").desc(nulls_last=True), "-created_at")
    )
    rows = defaultdict(list)
    for row in ActivityProgress.objects.filter(enrollment__in=[e.pk for e in enrollments]).only(
        "enrollment_id", "activity_key", "status", "score"
    ):
        rows[row.enrollment_id].append(row)
    cards = []
    for enrollment in enrollments:
        summary = progress.summarize(outline(enrollment.version_id), rows[enrollment.pk])
        cards.append(
            CourseCard(
                enrollment,
                summary.tally,
                _resume_url(enrollment, summary),
                enrollment.last_activity_key is not None,
            )
        )
    under_way = [c for c in cards if c.enrollment.status == EnrollmentStatus.ACTIVE]
    return {"courses": cards, "next": under_way[0] if under_way else None}


@dataclass(frozen=True)
class StudentRow:
    profile: object
    courses: list  # (course name, percent, status label)
    last_seen: datetime.datetime | None
    idle: bool


@dataclass(frozen=True)
class GroupRow:
    group: object
    students: list[StudentRow]

    @property
    def idle(self) -> int:
        return sum(1 for row in self.students if row.idle)


def _progress_by_student(user, student_ids: list[int]) -> dict[int, list]:
    enrollments = list(
        selectors.visible_enrollments(user)
        .filter(student__in=student_ids)
        .exclude(status=EnrollmentStatus.WITHDRAWN)
        .select_related("course")
        .only("student_id", "version_id", "status", "last_seen_at", "course__name")
        .order_by("course__name")
    )
    completed = defaultdict(set)
    for enrollment_id, key in ActivityProgress.objects.filter(
        enrollment__in=[e.pk for e in enrollments], status=ProgressStatus.COMPLETED
    ).values_list("enrollment_id", "activity_key"):
        completed[enrollment_id].add(str(key))
    by_student = defaultdict(list)
    for e in enrollments:
        e.tally = progress.completed_count(outline(e.version_id), completed[e.pk])
        by_student[e.student_id].append(e)
    return by_student


def _student_row(profile, enrollments, cutoff) -> StudentRow:
    active = [e for e in enrollments if e.status == EnrollmentStatus.ACTIVE]
    seen = [e.last_seen_at for e in enrollments if e.last_seen_at is not None]
    last_seen = max(seen, default=None)
    courses = [(e.course.name, e.tally.percent, e.get_status_display()) for e in enrollments]
    idle = bool(active) and (last_seen is None or last_seen < cutoff)
    return StudentRow(profile, courses, last_seen, idle)


def _teacher(request) -> dict | None:
    user = request.user
    campus_ids = {g.institution_id for g in grants(user) if g.role == Role.TEACHER}
    if not campus_ids:
        return None
    groups = list(
        reachable_groups(user, Capability.VIEW_LEARNING)
        .filter(campus_id__in=campus_ids, period__is_current=True)
        .order_by("campus__name", "semester", "name")
    )
    students = list(
        reachable_students(user, Capability.VIEW_LEARNING)
        .filter(group__in=[g.pk for g in groups], user__is_active=True)
        .order_by("user__last_name", "user__second_last_name", "user__first_name")
    )
    by_student = _progress_by_student(user, [s.user_id for s in students])
    cutoff = timezone.now() - IDLE_AFTER
    in_group = defaultdict(list)
    for profile in students:
        in_group[profile.group_id].append(
            _student_row(profile, by_student[profile.user_id], cutoff)
        )
    return {
        "groups": [GroupRow(g, in_group[g.pk]) for g in groups],
        "several_campuses": len(campus_ids) > 1,
        "idle_days": IDLE_AFTER.days,
    }


def _learning_figures(user, node) -> list[Figure]:
    cutoff = timezone.now() - IDLE_AFTER
    counts = (
        selectors.visible_enrollments(user)
        .filter(campus__path__startswith=node.path)
        .aggregate(
            active=Count("pk", filter=Q(status=EnrollmentStatus.ACTIVE)),
            completed=Count("pk", filter=Q(status=EnrollmentStatus.COMPLETED)),
            recent=Count("student", distinct=True, filter=Q(last_seen_at__gte=cutoff)),
        )
    )
    return [
        Figure(_("Inscripciones en curso"), counts["active"]),
        Figure(_("Cursos terminados"), counts["completed"]),
        Figure(
            _("Alumnos activos"),
            counts["recent"],
            _("en los últimos %(days)s días") % {"days": IDLE_AFTER.days},
        ),
    ]


def register_panels() -> None:
    register(
        HomePanel("my_courses", "learning/home/student_courses.html", _student_courses, order=10),
        HomePanel("teacher_groups", "learning/home/teacher_groups.html", _teacher, order=30),
    )
    register_figures("learning", _learning_figures)
