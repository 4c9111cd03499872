"""What a student sees of exams: the sessions meant for them and their attempts."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from impulsa.accounts.api import StudentProfile
from impulsa.learning.api import Enrollment, EnrollmentStatus
from impulsa.proctoring.models import Attempt, ExamSession

# A session stays on the student's list this long after it closes (to see results).
RECENT = timedelta(days=14)


def _group_id(student) -> int | None:
    row = StudentProfile.objects.filter(user=student).values("group_id").first()
    return row["group_id"] if row else None


def _for_student(student, enrollments):
    group_id = _group_id(student)
    courses = {(e.course_id, e.campus_id) for e in enrollments}
    if not courses:
        return ExamSession.objects.none()
    match = Q()
    for course_id, campus_id in courses:
        match |= Q(course_id=course_id, campus_id=campus_id)
    in_group = Q(groups__isnull=True) | Q(groups=group_id)
    return (
        ExamSession.objects.filter(match, closes_at__gte=timezone.now() - RECENT)
        .filter(in_group)
        .distinct()
        .order_by("opens_at", "id")
    )


def sessions_for_student(enrollment, activity_key) -> list[ExamSession]:
    """Open, coming and recently closed sessions of one exam for this student."""
    return list(_for_student(enrollment.student, [enrollment]).filter(activity_key=activity_key))


def my_sessions(student) -> list[ExamSession]:
    """Every session for the student's active enrollments, soonest first."""
    enrollments = list(
        Enrollment.objects.filter(student=student, status=EnrollmentStatus.ACTIVE).only(
            "course_id", "campus_id"
        )
    )
    return list(_for_student(student, enrollments).select_related("course"))


def quiz_attempts(enrollment, activity_key) -> list[Attempt]:
    """The student's attempts at one quiz of their course, newest first."""
    return list(
        Attempt.objects.filter(enrollment=enrollment, activity_key=activity_key).order_by("-number")
    )


def my_attempts(student, sessions) -> dict[int, list[Attempt]]:
    """The student's attempts per session id, newest first (one query)."""
    found: dict[int, list[Attempt]] = {}
    for attempt in Attempt.objects.filter(
        enrollment__student=student, session__in=[s.pk for s in sessions]
    ).order_by("-number"):
        found.setdefault(attempt.session_id, []).append(attempt)
    return found


def my_session(student, session_id) -> ExamSession | None:
    """A session meant for the student (None for any other: the view answers 404)."""
    enrollments = list(
        Enrollment.objects.filter(student=student, status=EnrollmentStatus.ACTIVE).only(
            "course_id", "campus_id"
        )
    )
    return _for_student(student, enrollments).filter(pk=session_id).first()


def my_enrollment(student, enrollment_id) -> Enrollment | None:
    return Enrollment.objects.filter(pk=enrollment_id, student=student).first()


def my_attempt(student, attempt_id) -> Attempt | None:
    return (
        Attempt.objects.filter(pk=attempt_id, enrollment__student=student)
        .select_related("session", "enrollment")
        .first()
    )
