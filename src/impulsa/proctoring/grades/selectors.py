"""Grades: a student's own, and a group's in one course for its teachers. An exam's
grade is the best of the student's closed attempts (an annulled one never counts)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from impulsa.accounts.api import User
from impulsa.learning.api import Course, PublishedActivity
from impulsa.org.api import Capability, Group, scope
from impulsa.proctoring import review
from impulsa.proctoring.kind_codes import ATTEMPT_KINDS
from impulsa.proctoring.models import CLOSED_STATES, Attempt, AttemptState
from impulsa.proctoring.policy import Policy

COUNTED = [s for s in CLOSED_STATES if s != AttemptState.INVALIDATED]


@dataclass
class ExamColumn:
    key: str
    title: str
    policy: Policy


@dataclass
class Cell:
    grade: Decimal | None = None
    passed: bool | None = None
    attempts: int = 0
    visible: bool = True  # the review policy lets the student see it


@dataclass
class GradeRow:
    label: str
    cells: list[Cell] = field(default_factory=list)
    student: object = None


def exams_of(course: Course) -> list[ExamColumn]:
    """The exams of the course's current version, in outline order."""
    if course.published_id is None:
        return []
    found = PublishedActivity.objects.filter(
        version_id=course.published_id, kind__in=ATTEMPT_KINDS
    ).order_by("id")
    return [
        ExamColumn(str(a.key), a.title, Policy.from_json(a.frozen.get("policy", {}))) for a in found
    ]


def _cells(attempts, columns, *, for_student: bool) -> list[Cell]:
    by_key: dict[str, list[Attempt]] = {}
    for a in attempts:
        by_key.setdefault(str(a.activity_key), []).append(a)
    cells = []
    for column in columns:
        tries = [a for a in by_key.get(column.key, []) if a.state in COUNTED]
        best = max(tries, key=lambda a: a.grade, default=None)
        cell = Cell(attempts=len(tries))
        if best is not None:
            cell.grade, cell.passed = best.grade, best.passed
            cell.visible = not for_student or review.grade_visible(best, column.policy)
        cells.append(cell)
    return cells


def my_grades(student) -> list[tuple[Course, list[ExamColumn], GradeRow]]:
    attempts = list(
        Attempt.objects.filter(enrollment__student=student, state__in=COUNTED)
        .select_related("session", "enrollment__course")
        .order_by("enrollment__course__name")
    )
    courses = {a.enrollment.course_id: a.enrollment.course for a in attempts}
    shown = []
    for course in courses.values():
        columns = exams_of(course)
        mine = [a for a in attempts if a.enrollment.course_id == course.pk]
        shown.append(
            (course, columns, GradeRow(course.name, _cells(mine, columns, for_student=True)))
        )
    return shown


def reachable_sheets(user) -> list[tuple[Group, Course]]:
    """(group, course) pairs with closed attempts of students the user reaches."""
    attempts = scope(Attempt.objects.filter(state__in=COUNTED), user, Capability.VIEW_LEARNING)
    pairs = (
        attempts.exclude(enrollment__student__student_profile__group__isnull=True)
        .values_list("enrollment__student__student_profile__group_id", "enrollment__course_id")
        .distinct()[:200]
    )
    pairs = list(pairs)
    groups = Group.objects.in_bulk({g for g, _c in pairs})
    courses = Course.objects.in_bulk({c for _g, c in pairs})
    return sorted(
        ((groups[g], courses[c]) for g, c in pairs),
        key=lambda pair: (pair[0].name, pair[1].name),
    )


def group_sheet(user, group_id, course_id):
    """The group's grades in one course, or None when the group is out of reach."""
    group = scope(Group.objects.filter(pk=group_id), user, Capability.VIEW_LEARNING).first()
    course = Course.objects.filter(pk=course_id).first()
    if group is None or course is None:
        return None
    columns = exams_of(course)
    students = list(
        User.objects.filter(student_profile__group=group)
        .filter(Q(enrollments__course=course))
        .distinct()
        .order_by("last_name", "second_last_name", "first_name", "id")
    )
    attempts = Attempt.objects.filter(
        enrollment__course=course, enrollment__student__in=students, state__in=COUNTED
    ).values_list("enrollment__student_id", "activity_key", "state", "grade", "passed")
    by_student: dict[int, list] = {}
    for student_id, key, state, grade, passed in attempts:
        by_student.setdefault(student_id, []).append(
            Attempt(activity_key=key, state=state, grade=grade, passed=passed)
        )
    rows = [
        GradeRow(
            s.get_full_name() or s.username,
            _cells(by_student.get(s.pk, []), columns, for_student=False),
            s,
        )
        for s in students
    ]
    return group, course, columns, rows
