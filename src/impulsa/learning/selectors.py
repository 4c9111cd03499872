"""Reads of courses and enrollments, each narrowed by the access rule."""

from django.db.models import QuerySet

from impulsa.learning.models import Course, Enrollment, EnrollmentStatus
from impulsa.org.api import Capability, institution_ids, offering_ids, scope


def authorable_courses(user) -> QuerySet[Course]:
    """Courses the user may edit: those owned by a node they reach as an author."""
    return Course.objects.filter(
        institution_id__in=institution_ids(user, Capability.AUTHOR_CONTENT)
    ).select_related("published")


def offered_courses(user, capability=Capability.MANAGE_ENROLLMENT) -> QuerySet[Course]:
    """Courses offered where the user holds `capability` (the national catalog
    reaches every campus; a state's own courses reach its campuses)."""
    return Course.objects.filter(institution_id__in=offering_ids(user, capability)).select_related(
        "published"
    )


def visible_enrollments(user) -> QuerySet[Enrollment]:
    """Enrollments of students in campuses the user follows."""
    return scope(Enrollment.objects.all(), user, Capability.VIEW_LEARNING, via="campus")


def manageable_enrollments(user) -> QuerySet[Enrollment]:
    return scope(Enrollment.objects.all(), user, Capability.MANAGE_ENROLLMENT, via="campus")


def my_enrollments(user) -> QuerySet[Enrollment]:
    """The student's own courses (withdrawn ones hidden). The version's outline is
    left out: read it through published.outline(), which each process remembers."""
    if not user.is_authenticated:
        return Enrollment.objects.none()
    return (
        Enrollment.objects.filter(student=user)
        .exclude(status=EnrollmentStatus.WITHDRAWN)
        .select_related("course", "version")
        .only(*_PLAYER_FIELDS)
    )


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
