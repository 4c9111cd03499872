"""Enrolling students in courses: by staff (one or many) and by other apps' services
(the diagnostic, failed subjects). A student takes a course's published version;
`sync_version` moves them to a newer one at a safe moment (opening the course).

Enrollments are history: a student has at most one active enrollment per course
(a partial unique constraint), and withdrawn or completed ones stay as they were.
Enrolling again opens a new row that starts from zero: progress is derived from the
enrollment's own events (events.rebuild_progress), and copying the old events would
claim work done under another enrollment, so the earlier rows keep theirs.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.accounts.api import StudentProfile
from impulsa.audit.api import record
from impulsa.core.errors import Conflict, DomainError
from impulsa.learning.events import services as events
from impulsa.learning.models import (
    Course,
    Enrollment,
    EnrollmentSource,
    EnrollmentStatus,
    Verb,
)
from impulsa.org.api import Capability, ensure, offering_ids

logger = logging.getLogger(__name__)
_ONE_ACTIVE = "one_active_enrollment_per_course"


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


def _already_enrolled(student, course: Course) -> Conflict:
    return Conflict(
        _("%(name)s ya está inscrito en «%(course)s».")
        % {"name": student.get_full_name(), "course": course.name}
    )


MAX_DUE_YEARS = 5


def check_due_on(due_on: date | None) -> None:
    """A due date is today or later and at most MAX_DUE_YEARS ahead (Mexico City's
    today): a mistyped year (1900, 2206) is refused, not stored. Forms and the API
    show this message."""
    if due_on is None:
        return
    today = timezone.localdate()
    if due_on < today:
        raise DomainError(_("La fecha límite no puede ser anterior a hoy."), field="due_on")
    if due_on > today + timedelta(days=365 * MAX_DUE_YEARS + 1):
        raise DomainError(
            _("La fecha límite no puede pasar de %(years)s años a partir de hoy.")
            % {"years": MAX_DUE_YEARS},
            field="due_on",
        )


def _create(student, course, campus, source, reason, actor, due_on=None) -> Enrollment:
    check_due_on(due_on)
    try:
        # A savepoint, so that a concurrent enrollment of the same student loses with
        # a Conflict instead of breaking the caller's transaction.
        with transaction.atomic():
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
    except IntegrityError as error:
        if getattr(getattr(error.__cause__, "diag", None), "constraint_name", "") == _ONE_ACTIVE:
            raise _already_enrolled(student, course) from error
        raise
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
    """Enroll one student, or enroll again one whose earlier enrollment ended
    (a new row); refuses while the student has an active one in the course."""
    profile = _profile(student)
    ensure(actor, Capability.MANAGE_ENROLLMENT, profile.campus)
    ensure_course_offered(actor, course)
    statuses = set(
        Enrollment.objects.filter(student=student, course=course).values_list("status", flat=True)
    )
    if EnrollmentStatus.ACTIVE in statuses:
        raise _already_enrolled(student, course)
    enrollment = _create(student, course, profile.campus, source, reason, actor, due_on)
    event = "re_enrolled" if statuses else "enrolled"
    record(actor=actor, instance=enrollment, event=event, course=course.code)
    return enrollment


@dataclass(frozen=True)
class BulkResult:
    created: int
    already: int


@transaction.atomic
def enroll_many(
    *, actor, students, course: Course, reason: str = "", due_on: date | None = None
) -> BulkResult:
    """Enroll many students at once: all or nothing. Students with an active
    enrollment are counted and skipped (re-running a bulk enrollment is harmless);
    those whose earlier enrollment ended are enrolled again."""
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
        Enrollment.objects.filter(
            course=course, student__in=students, status=EnrollmentStatus.ACTIVE
        ).values_list("student_id", flat=True)
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
def enroll_by_service(*, student, course: Course, reason: str, reenroll: bool = True) -> Enrollment:
    """For other apps' rules (placement after the diagnostic, a failed subject):
    the rule is the actor. Returns the student's active enrollment if there is one
    (running a rule again is harmless). A student whose last enrollment ended
    (withdrawn or completed) is enrolled again, unless the caller's rule forbids it
    (`reenroll=False`): then a DomainError says why."""
    latest = Enrollment.objects.filter(student=student, course=course).order_by("-pk").first()
    if latest is not None and latest.status == EnrollmentStatus.ACTIVE:
        return latest
    if latest is not None and not reenroll:
        raise DomainError(_ended_message(student, course, latest))
    if course.published_id is None:
        raise Conflict(
            _("«%(course)s» aún no tiene contenido publicado.") % {"course": course.name}
        )
    profile = _profile(student)
    return _create(student, course, profile.campus, EnrollmentSource.SERVICE, reason, None)


def _ended_message(student, course: Course, enrollment: Enrollment) -> str:
    names = {"name": student.get_full_name(), "course": course.name}
    if enrollment.status == EnrollmentStatus.WITHDRAWN:
        return (
            _("Se dio de baja a %(name)s de «%(course)s» y esta regla no lo inscribe de nuevo.")
            % names
        )
    return _("%(name)s ya terminó «%(course)s» y esta regla no lo inscribe de nuevo.") % names


@transaction.atomic
def withdraw(*, actor, enrollment: Enrollment) -> Enrollment:
    ensure(actor, Capability.MANAGE_ENROLLMENT, enrollment.campus)
    # Locked and re-read: two clicks on "Dar de baja" record one withdrawal.
    status = (
        Enrollment.objects.select_for_update()
        .filter(pk=enrollment.pk)
        .values_list("status", flat=True)
        .get()
    )
    if status != EnrollmentStatus.ACTIVE:
        raise Conflict(_("Esta inscripción ya no está activa."))
    enrollment.status = EnrollmentStatus.WITHDRAWN
    enrollment.ended_at = timezone.now()
    enrollment.save(update_fields=["status", "ended_at"])
    record(actor=actor, instance=enrollment, event="withdrawn")
    return enrollment


def follow_campus_moves(moves: Iterable[tuple[int, int]]) -> int:
    """Active enrollments follow their students to a new campus: `moves` holds
    (student id, new campus id). Withdrawn and completed ones stay with the campus
    where they happened, as history. Returns how many enrollments moved. One
    UPDATE per destination campus, since an import moves students by the thousand."""
    by_campus: dict[int, list[int]] = {}
    for student_id, campus_id in moves:
        by_campus.setdefault(campus_id, []).append(student_id)
    moved = 0
    for campus_id, student_ids in by_campus.items():
        moved += (
            Enrollment.objects.filter(student_id__in=student_ids, status=EnrollmentStatus.ACTIVE)
            .exclude(campus_id=campus_id)
            .update(campus_id=campus_id)
        )
    logger.info("enrollments_followed_campus moved=%s campuses=%s", moved, len(by_campus))
    return moved


def sync_version(enrollment: Enrollment) -> bool:
    """Move the enrollment to the course's newest version; True if it moved."""
    published_id = enrollment.course.published_id
    if published_id is None or published_id == enrollment.version_id:
        return False
    Enrollment.objects.filter(pk=enrollment.pk).update(version_id=published_id)
    enrollment.version_id = published_id
    enrollment.version = enrollment.course.published
    return True
