"""Enrolling students in courses: by staff (one or many) and by other apps' services
(the diagnostic, failed subjects). A student takes a course's published version;
`sync_version` moves them to a newer one at a safe moment (opening the course)."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from impulsa.accounts.api import StudentProfile
from impulsa.audit.api import record
from impulsa.core.errors import Conflict, DomainError
from impulsa.learning import events
from impulsa.learning.models import (
    Course,
    Enrollment,
    EnrollmentSource,
    EnrollmentStatus,
    Verb,
)
from impulsa.org.api import Capability, ensure, offering_ids


def ensure_course_offered(actor, course: Course, capability=Capability.MANAGE_ENROLLMENT) -> None:
    if course.institution_id not in offering_ids(actor, capability):
        raise DomainError(_("Ese curso no se ofrece en tu institución."))
    if course.published_id is None:
        raise Conflict(
            _("«%(course)s» aún no tiene contenido publicado; está en preparación.")
            % {"course": course.name}
        )


def _profile(student) -> StudentProfile:
    profile = StudentProfile.objects.filter(user=student).select_related("campus").first()
    if profile is None:
        raise DomainError(_("%(name)s no es alumno.") % {"name": student.get_full_name()})
    return profile


def _create(student, course, campus, source, reason, actor, due_on=None) -> Enrollment:
    enrollment = Enrollment.objects.create(
        student=student,
        course=course,
        campus=campus,
        version_id=course.published_id,
        source=source,
        reason=reason[:200],
        enrolled_by=actor,
        due_on=due_on,
    )
    enrollment.version = course.published
    events.record(
        enrollment=enrollment,
        verb=Verb.ENROLLED,
        object_type="course",
        object_id=course.code,
        actor=actor,
        context={"source": source},
    )
    return enrollment


@transaction.atomic
def enroll(
    *,
    actor,
    student,
    course: Course,
    source: str = EnrollmentSource.STAFF,
    reason: str = "",
    due_on: date | None = None,
) -> Enrollment:
    """Enroll one student; refuses a second enrollment in the same course."""
    profile = _profile(student)
    ensure(actor, Capability.MANAGE_ENROLLMENT, profile.campus)
    ensure_course_offered(actor, course)
    if Enrollment.objects.filter(student=student, course=course).exists():
        raise Conflict(
            _("%(name)s ya está inscrito en «%(course)s».")
            % {"name": student.get_full_name(), "course": course.name}
        )
    enrollment = _create(student, course, profile.campus, source, reason, actor, due_on)
    record(actor=actor, instance=enrollment, event="enrolled", course=course.code)
    return enrollment


@dataclass(frozen=True)
class BulkResult:
    created: int
    already: int


@transaction.atomic
def enroll_many(
    *, actor, students, course: Course, reason: str = "", due_on: date | None = None
) -> BulkResult:
    """Enroll many students at once: all or nothing. Students already enrolled are
    counted and skipped (re-running a bulk enrollment is harmless)."""
    ensure_course_offered(actor, course)
    students = list(students)
    if not students:
        raise DomainError(_("Elige al menos un alumno."))
    profiles = {
        p.user_id: p
        for p in StudentProfile.objects.filter(user__in=students).select_related("campus")
    }
    for student in students:
        if student.pk not in profiles:
            raise DomainError(_("%(name)s no es alumno.") % {"name": student.get_full_name()})
        ensure(actor, Capability.MANAGE_ENROLLMENT, profiles[student.pk].campus)
    enrolled = set(
        Enrollment.objects.filter(course=course, student__in=students).values_list(
            "student_id", flat=True
        )
    )
    created = 0
    for student in students:
        if student.pk in enrolled:
            continue
        campus = profiles[student.pk].campus
        _create(student, course, campus, EnrollmentSource.BULK, reason, actor, due_on)
        created += 1
    record(actor=actor, instance=course, event="bulk_enrolled", created=created)
    return BulkResult(created=created, already=len(enrolled))


@transaction.atomic
def enroll_by_service(*, student, course: Course, reason: str) -> Enrollment:
    """For other apps' rules (placement after the diagnostic, a failed subject):
    the rule is the actor; returns the existing enrollment if there is one."""
    existing = Enrollment.objects.filter(student=student, course=course).first()
    if existing is not None:
        return existing
    if course.published_id is None:
        raise Conflict(
            _("«%(course)s» aún no tiene contenido publicado.") % {"course": course.name}
        )
    profile = _profile(student)
    return _create(student, course, profile.campus, EnrollmentSource.SERVICE, reason, None)


@transaction.atomic
def withdraw(*, actor, enrollment: Enrollment) -> Enrollment:
    ensure(actor, Capability.MANAGE_ENROLLMENT, enrollment.campus)
    enrollment.status = EnrollmentStatus.WITHDRAWN
    enrollment.save(update_fields=["status"])
    record(actor=actor, instance=enrollment, event="withdrawn")
    return enrollment


def sync_version(enrollment: Enrollment) -> bool:
    """Move the enrollment to the course's newest version; True if it moved."""
    published_id = enrollment.course.published_id
    if published_id is None or published_id == enrollment.version_id:
        return False
    Enrollment.objects.filter(pk=enrollment.pk).update(version_id=published_id)
    enrollment.version_id = published_id
    enrollment.version = enrollment.course.published
    return True
