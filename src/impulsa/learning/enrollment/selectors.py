"""Reads for staff: the courses offered to them and the enrollments of the campuses
they follow or manage, each narrowed by the access rule."""

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from impulsa.accounts.api import PeopleFilter, reachable_students, search_people
from impulsa.learning.models import (
    ActivityProgress,
    Course,
    Enrollment,
    EnrollmentStatus,
    ProgressStatus,
)
from impulsa.org.api import Capability, institution_ids, offering_ids, scope

SEARCH_RESULTS = 20


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


def followed_courses(user) -> QuerySet[Course]:
    """Courses offered where the user follows or enrolls students."""
    return offered_courses(user, Capability.VIEW_LEARNING) | offered_courses(
        user, Capability.MANAGE_ENROLLMENT
    )


def catalog_courses(user) -> QuerySet[Course]:
    """The catalog page's courses, each with `enrolled`: how many students of the
    campuses the user follows take it (withdrawn ones aside)."""
    enrolled = (
        visible_enrollments(user)
        .filter(course=OuterRef("pk"))
        .exclude(status=EnrollmentStatus.WITHDRAWN)
        .order_by()
        .values("course")
        .annotate(n=Count("student", distinct=True))
        .values("n")
    )
    return (
        followed_courses(user)
        .defer("published__outline", "description")
        .annotate(enrolled=Coalesce(Subquery(enrolled, output_field=IntegerField()), Value(0)))
    )


def course_enrollment_rows(user, course: Course, *, status: str = "") -> QuerySet[Enrollment]:
    """A course's enrollments the user follows, withdrawn ones included (the course's
    history), by student name; each with `superseded` (a later enrollment of the same
    student exists) and `completed` (its completed progress rows)."""
    later = Enrollment.objects.filter(
        student_id=OuterRef("student_id"), course_id=course.pk, pk__gt=OuterRef("pk")
    )
    completed = ActivityProgress.objects.filter(status=ProgressStatus.COMPLETED).only(
        "enrollment_id", "activity_key"
    )
    rows = (
        visible_enrollments(user)
        .filter(course=course)
        .annotate(superseded=Exists(later))
        .select_related("student__student_profile", "campus")
        .prefetch_related(Prefetch("progress", queryset=completed, to_attr="completed"))
        # The order of the user_name_order index (names, then id), newest first per student.
        .order_by(
            "student__last_name",
            "student__second_last_name",
            "student__first_name",
            "student_id",
            "-pk",
        )
    )
    return rows.filter(status=status) if status else rows


def managed_students(viewer):
    """Student profiles (user loaded) of the campuses where the viewer enrolls."""
    return reachable_students(viewer, Capability.MANAGE_ENROLLMENT)


def student_search(viewer, query: str, course: Course) -> list[tuple]:
    """(profile, status of their latest enrollment in the course or None) for the
    students the viewer enrolls whose matrícula or name matches `query`."""
    if not query.strip():
        return []
    # The first results in name order, picked inside the search itself (its trigram
    # index, then the name order): as a subquery the planner misjudges the matches.
    first = list(
        search_people(viewer, PeopleFilter(text=query))
        .filter(student_profile__campus__in=institution_ids(viewer, Capability.MANAGE_ENROLLMENT))
        .values_list("pk", flat=True)[:SEARCH_RESULTS]
    )
    found = list(
        managed_students(viewer)
        .filter(user__in=first)
        .order_by("user__last_name", "user__second_last_name", "user__first_name", "user_id")
    )
    latest = dict(
        manageable_enrollments(viewer)
        .filter(course=course, student__in=[p.user_id for p in found])
        .order_by("student_id", "-pk")
        .distinct("student_id")
        .values_list("student_id", "status")
    )
    return [(profile, latest.get(profile.user_id)) for profile in found]


def previous_enrollment(viewer, course: Course, matricula: str) -> Enrollment | None:
    """The latest enrollment in `course` of the student the form names, when they
    had one: the page says that enrolling again starts a new enrollment."""
    if not matricula:
        return None
    profile = managed_students(viewer).filter(matricula=matricula).first()
    if profile is None:
        return None
    return (
        manageable_enrollments(viewer)
        .filter(student_id=profile.user_id, course=course)
        .select_related("student")
        .order_by("-pk")
        .first()
    )
