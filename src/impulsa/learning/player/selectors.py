"""The student's own enrollments, as the player reads them."""

from django.db.models import Exists, OuterRef, QuerySet

from impulsa.learning.models import Enrollment, EnrollmentStatus


def my_enrollments(user) -> QuerySet[Enrollment]:
    """The student's own courses: per course, the latest enrollment that was not
    withdrawn (a finished course taken again shows the new one). The version's
    outline is left out: read it through publishing.version_cache.outline(), which each process
    remembers."""
    if not user.is_authenticated:
        return Enrollment.objects.none()
    later = Enrollment.objects.filter(
        student_id=OuterRef("student_id"), course_id=OuterRef("course_id"), pk__gt=OuterRef("pk")
    ).exclude(status=EnrollmentStatus.WITHDRAWN)
    return (
        Enrollment.objects.filter(student=user)
        .exclude(status=EnrollmentStatus.WITHDRAWN)
        .exclude(Exists(later))
        .select_related("course", "version")
        .only(*_PLAYER_FIELDS)
    )


def current_enrollment_of(user, enrollment_id) -> Enrollment | None:
    """The student's current enrollment in the course of one of their own earlier
    enrollments (a bookmark from before a withdrawal and re-enrollment), if any."""
    if not user.is_authenticated:
        return None
    course_ids = Enrollment.objects.filter(student=user, pk=enrollment_id).values("course_id")
    return my_enrollments(user).filter(course_id__in=course_ids).first()


# What the player's pages and answers read of an enrollment: a narrow row is
# cheaper to compile, fetch and build on every request.
_PLAYER_FIELDS = (
    "student_id",
    "course_id",
    "campus_id",
    "version_id",
    "status",
    "due_on",
    "created_at",
    "last_activity_key",
    "last_seen_at",
    "course__name",
    "course__code",
    "course__published_id",
    "version__number",
)
