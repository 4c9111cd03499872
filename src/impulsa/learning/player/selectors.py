"""The student's own enrollments, as the player reads them."""

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet

from impulsa.learning.models import (
    ActivityProgress,
    Course,
    CourseVersion,
    Enrollment,
    EnrollmentStatus,
)


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


def my_enrollment(user, enrollment_id) -> Enrollment | None:
    """One of the student's own current enrollments (the rule of my_enrollments),
    course and version loaded, or None. Every lesson page and answer asks: one
    precompiled statement instead of compiling the queryset each time."""
    if not user.is_authenticated:
        return None
    with connection.cursor() as cursor:
        withdrawn = EnrollmentStatus.WITHDRAWN
        cursor.execute(_MY_ENROLLMENT, [enrollment_id, user.pk, withdrawn, withdrawn])
        row = cursor.fetchone()
    if row is None:
        return None
    own, course = len(_OWN_FIELDS), len(_COURSE_FIELDS)
    enrollment = Enrollment.from_db("default", _OWN_FIELDS, row[:own])
    enrollment.course = Course.from_db("default", _COURSE_FIELDS, row[own : own + course])
    enrollment.version = CourseVersion.from_db("default", _VERSION_FIELDS, row[own + course :])
    return enrollment


def progress_of(enrollment_id: int, keys) -> dict[str, ActivityProgress]:
    """The enrollment's progress rows of these activities, by key (a lesson page's
    steps): raw SQL, as my_enrollment, for a query every lesson page runs."""
    with connection.cursor() as cursor:
        cursor.execute(_PROGRESS_OF, [enrollment_id, list(keys)])
        rows = cursor.fetchall()
    found = (ActivityProgress.from_db("default", _PROGRESS_FIELDS, row) for row in rows)
    return {str(row.activity_key): row for row in found}


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


def _in_model_order(model, names) -> tuple[str, ...]:
    """Model.from_db takes a subset of columns in the model's own field order."""
    order = [field.attname for field in model._meta.concrete_fields]
    return tuple(sorted(["id", *names], key=order.index))


_OWN_FIELDS = _in_model_order(Enrollment, [n for n in _PLAYER_FIELDS if "__" not in n])
_COURSE_FIELDS = _in_model_order(
    Course, [n.removeprefix("course__") for n in _PLAYER_FIELDS if n.startswith("course__")]
)
_VERSION_FIELDS = _in_model_order(
    CourseVersion,
    [n.removeprefix("version__") for n in _PLAYER_FIELDS if n.startswith("version__")],
)
_SELECTED = ", ".join(
    [f"e.{name}" for name in _OWN_FIELDS]
    + [f"c.{name}" for name in _COURSE_FIELDS]
    + [f"v.{name}" for name in _VERSION_FIELDS]
)
# my_enrollments() for one id, written out once (the names are the field lists above).
_MY_ENROLLMENT = f"""
SELECT {_SELECTED}
FROM learning_enrollment e
JOIN learning_course c ON c.id = e.course_id
JOIN learning_courseversion v ON v.id = e.version_id
WHERE e.id = %s AND e.student_id = %s AND e.status <> %s AND NOT EXISTS (
    SELECT 1 FROM learning_enrollment later
    WHERE later.student_id = e.student_id AND later.course_id = e.course_id
      AND later.id > e.id AND later.status <> %s
)
"""  # noqa: S608

_PROGRESS_FIELDS = tuple(field.attname for field in ActivityProgress._meta.concrete_fields)
_PROGRESS_OF = f"""
SELECT {", ".join(_PROGRESS_FIELDS)} FROM learning_activityprogress
WHERE enrollment_id = %s AND activity_key = ANY(%s::uuid[])
"""  # noqa: S608 (the model's column names)
