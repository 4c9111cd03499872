"""A student's attempt: start (draw the form once, one insert), save each answer
durably before acknowledging it, submit, and close at the server's deadline, lazily
on the next request or by the periodic task (tasks.py) with the browser gone.

Locks, always in this order: the enrollment row (learning's rule for every writer of
its events), then the attempt row.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.accounts.api import StudentProfile
from impulsa.assessment.api import attempt_score, save_attempt_answer
from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.learning.api import (
    Enrollment,
    EnrollmentStatus,
    Verb,
    lock_enrollment_status,
    published_activity,
    record_event,
    sync_version,
)
from impulsa.proctoring.drawing import draw_form, new_seed
from impulsa.proctoring.integrity.services import (
    RefusedRequest,
    keeps_notices,
    noticed,
    record_noticed,
)
from impulsa.proctoring.kind_codes import ATTEMPT_KINDS, QUIZ, SOLO_KINDS
from impulsa.proctoring.models import (
    CLOSED_STATES,
    Accommodation,
    Attempt,
    AttemptState,
    ExamSession,
)
from impulsa.proctoring.policy import QUIZ_DEFAULT, Policy
from impulsa.proctoring.rules import manager
from impulsa.proctoring.rules.base import Client, Entry
from impulsa.proctoring.supervision.push import attempt_changed

_SCORE_QUANTUM = Decimal("0.0001")
# A page silent this long counts as disconnected on the proctor's live view.
LOST_AFTER = timedelta(seconds=60)


@dataclass(frozen=True)
class Ack:
    """What the exam page learns after a save: the attempt's state and time left."""

    attempt: Attempt
    saved_at: datetime | None  # None: nothing saved (the attempt had closed)
    message: str = ""


def session_enrollment(student, session: ExamSession) -> Enrollment | None:
    """The student's active enrollment that the session is for (its course, its
    campus, and one of its groups if it names any), or None."""
    enrollment = (
        Enrollment.objects.select_related("course")
        .filter(
            student=student,
            course_id=session.course_id,
            campus_id=session.campus_id,
            status=EnrollmentStatus.ACTIVE,
        )
        .first()
    )
    if enrollment is None:
        return None
    group_ids = {g.pk for g in session.groups.all()}
    if group_ids:
        profile = StudentProfile.objects.filter(user=student).values("group_id").first()
        if profile is None or profile["group_id"] not in group_ids:
            return None
    return enrollment


def policy_of(enrollment, activity_key) -> tuple[object, Policy]:
    activity = published_activity(enrollment.version_id, activity_key)
    if activity is None or activity.kind not in ATTEMPT_KINDS:
        raise DomainError(_("Esta actividad no está en la versión del curso que llevas."))
    if "policy" not in activity.frozen and activity.kind == QUIZ:
        return activity, QUIZ_DEFAULT
    return activity, Policy.from_json(activity.frozen["policy"])


def _entry(session, enrollment, activity_key, policy, client, now=None) -> Entry:
    """What the rules look at before a start: the past attempts and accommodation too."""
    past = tuple(
        Attempt.objects.filter(
            enrollment__student_id=enrollment.student_id,
            activity_key=activity_key,
            state__in=CLOSED_STATES,
        ).order_by("-number")
    )
    accommodation = (
        Accommodation.objects.filter(session=session, student_id=enrollment.student_id).first()
        if session is not None
        else None
    )
    return Entry(
        session=session,
        policy=policy,
        accommodation=accommodation,
        past=past,
        client=client,
        now=now or timezone.now(),
    )


def _entry_during(attempt, policy, client, now) -> Entry:
    """What the rules look at on a request of an open attempt: the request and the
    attempt (the deadline already holds the accommodation), no query."""
    return Entry(
        session=attempt.session, policy=policy, accommodation=None, past=(), client=client,
        attempt=attempt, now=now,
    )  # fmt: skip


@keeps_notices
@transaction.atomic
def start_attempt(*, actor, session: ExamSession, client: Client) -> Attempt:
    """The student's open attempt at the session's exam: resumed if one is open (from
    the device that started it), else a new one if every rule allows it."""
    enrollment = session_enrollment(actor, session)
    if enrollment is None:
        raise AccessDenied(_("Este examen no es para ti."))
    lock_enrollment_status(enrollment.pk)
    return _resume_or_start(enrollment, session.activity_key, session, client)


@keeps_notices
@transaction.atomic
def start_quiz(*, actor, enrollment: Enrollment, activity_key, client: Client) -> Attempt:
    """The student's open attempt at a quiz of their course, taken alone (no session,
    no proctor): resumed if one is open, else a new one if the policy allows it."""
    if actor.pk != enrollment.student_id:
        raise AccessDenied(_("Solo el alumno inscrito puede responder."))
    status = lock_enrollment_status(enrollment.pk)
    if status is None or status == EnrollmentStatus.WITHDRAWN:
        raise Conflict(_("Te dieron de baja de este curso; ya no puedes responder."))
    return _resume_or_start(enrollment, activity_key, None, client)


def _resume_or_start(enrollment, activity_key, session, client: Client) -> Attempt:
    """The caller holds the enrollment's lock; a session's exam or a sessionless quiz."""
    now = timezone.now()
    sync_version(enrollment)  # an exam published after the student last opened the course
    activity, policy = policy_of(enrollment, activity_key)
    if (session is None) != (activity.kind in SOLO_KINDS):
        raise DomainError(_("Esta actividad no se presenta así."))
    current = (
        Attempt.objects.select_for_update()
        .filter(enrollment=enrollment, activity_key=activity_key, state=AttemptState.IN_PROGRESS)
        .first()
    )
    if current is not None and not _close_if_due(current, activity, policy, now):
        _admit(current, _entry_during(current, policy, client, now))
        return current
    entry = _entry(session, enrollment, activity_key, policy, client, now=now)
    refusal = manager.refusal_to_start(entry)
    if refusal:
        raise DomainError(refusal)
    seed = new_seed()
    number = Attempt.objects.filter(enrollment=enrollment, activity_key=activity_key).count() + 1
    attempt = Attempt.objects.create(
        enrollment=enrollment,
        campus_id=enrollment.campus_id,
        session=session,
        activity_key=activity_key,
        number=number,
        form={
            "items": draw_form(activity.frozen, seed, shuffle=policy.shuffle_items),
            "seed": seed,
        },
        started_at=now,
        deadline=manager.deadline(entry, now),
        device=client.device,
        ip_address=client.ip,
        last_seen_at=now,
    )
    attempt_changed(attempt)
    return attempt


def _locked_own_attempt(actor, attempt_id) -> Attempt:
    """The actor's attempt, locked after its enrollment (AccessDenied if not theirs)."""
    found = Attempt.objects.filter(pk=attempt_id).values("enrollment_id", "enrollment__student_id")
    row = found.first()
    if row is None or row["enrollment__student_id"] != actor.pk:
        raise AccessDenied(_("Ese intento no es tuyo."))
    lock_enrollment_status(row["enrollment_id"])
    return (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("session", "enrollment__version")
        .get(pk=attempt_id)
    )


def _close_if_due(attempt: Attempt, activity, policy: Policy, now) -> bool:
    """Close an open attempt whose deadline passed (not while paused); True if it is
    closed now."""
    if attempt.paused_at is None and attempt.deadline is not None and now >= attempt.deadline:
        close(attempt, activity, policy, AttemptState.EXPIRED, at=attempt.deadline)
        return True
    return False


def close(attempt: Attempt, activity, policy: Policy, state: str, *, at) -> None:
    """Grade the attempt on what was saved (unanswered items count 0) and close it;
    the completion is a learning event. The caller holds both locks."""
    score = attempt_score(
        attempt.enrollment_id, attempt.activity_key, attempt.number, attempt.form["items"]
    )
    grade = policy.grade(score)
    attempt.state = state
    attempt.submitted_at = at
    attempt.score = score.quantize(_SCORE_QUANTUM, rounding=ROUND_HALF_UP)
    attempt.grade = grade
    attempt.passed = policy.passes(grade)
    attempt.save(update_fields=["state", "submitted_at", "score", "grade", "passed"])
    attempt_changed(attempt)
    record_event(
        enrollment=attempt.enrollment,
        verb=Verb.COMPLETED,
        object_type="activity",
        object_id=str(attempt.activity_key),
        activity_key=attempt.activity_key,
        result={"score": str(attempt.score), "attempt": attempt.number, "grade": str(grade)},
        locked=True,
    )


def _claim_device(attempt: Attempt, client: Client) -> None:
    """An attempt a proctor released from its device (or started without one) belongs
    to the next device that opens it."""
    if not attempt.device and client.device:
        attempt.device = client.device
        attempt.save(update_fields=["device"])


def _checked_open(actor, attempt_id, client: Client, now) -> tuple[Attempt, object, Policy, bool]:
    attempt = _locked_own_attempt(actor, attempt_id)
    activity, policy = policy_of(attempt.enrollment, attempt.activity_key)
    if not attempt.is_open:
        return attempt, activity, policy, False
    if _close_if_due(attempt, activity, policy, now):
        return attempt, activity, policy, False
    _admit(attempt, _entry_during(attempt, policy, client, now))
    return attempt, activity, policy, True


def _admit(attempt: Attempt, entry: Entry) -> None:
    """Let a request of the open attempt through the rules, noting what the server
    sees on it (another address, another device) even when it is refused."""
    found = noticed(attempt, entry.client)
    _claim_device(attempt, entry.client)
    refusal = manager.refusal_during(entry)
    if refusal:
        raise RefusedRequest(refusal, attempt=attempt, found=found, ip=entry.client.ip)
    record_noticed(attempt, found, entry.client.ip)


@keeps_notices
@transaction.atomic
def save_answer(*, actor, attempt_id: int, item_version_id: int, response, client: Client) -> Ack:
    """Keep one answer of the student's open attempt; committed before the page is
    told «Guardado». An attempt past its deadline closes instead (nothing saved)."""
    now = timezone.now()
    attempt, activity, _policy, is_open = _checked_open(actor, attempt_id, client, now)
    if not is_open:
        return Ack(attempt, None, _("Tu examen ya se entregó; esta respuesta no se guardó."))
    if attempt.paused_at is not None:
        raise Conflict(_("El examen está en pausa; espera a que quien supervisa lo reanude."))
    if item_version_id not in attempt.form["items"]:
        raise DomainError(_("Esa pregunta no es parte de tu examen."))
    save_attempt_answer(
        enrollment=attempt.enrollment,
        activity=activity,
        attempt=attempt.number,
        item_version_id=item_version_id,
        response=response,
    )
    _seen(attempt, client, now)
    attempt_changed(attempt)
    return Ack(attempt, now)


# How often a student's presence is written: the live view calls a student connected
# while seen within the last minute, so a write per answer would be wasted.
SEEN_EVERY = timedelta(seconds=15)


def _seen(attempt: Attempt, client: Client, now) -> None:
    if (
        attempt.last_seen_at is None
        or now - attempt.last_seen_at >= SEEN_EVERY
        or attempt.ip_address != client.ip
    ):
        Attempt.objects.filter(pk=attempt.pk).update(last_seen_at=now, ip_address=client.ip)


def refusal_to_show(attempt: Attempt, client: Client) -> str | None:
    """Why the exam page may not be shown to this request (a read: no lock, no write;
    the next save or status check takes the locks)."""
    _activity, policy = policy_of(attempt.enrollment, attempt.activity_key)
    claimed = attempt.device or client.device
    probe = Attempt(pk=attempt.pk, session=attempt.session, device=claimed)
    return manager.refusal_during(_entry_during(probe, policy, client, timezone.now()))


def is_due(attempt: Attempt, now=None) -> bool:
    """Past its deadline (and not paused): the next write closes it."""
    now = now or timezone.now()
    return attempt.paused_at is None and attempt.deadline is not None and now >= attempt.deadline


@keeps_notices
@transaction.atomic
def heartbeat(*, actor, attempt_id: int, client: Client) -> Attempt:
    """The page's periodic check: closes a due attempt, notes the student is there."""
    now = timezone.now()
    attempt, _activity, _policy, is_open = _checked_open(actor, attempt_id, client, now)
    if is_open:
        Attempt.objects.filter(pk=attempt.pk).update(last_seen_at=now, ip_address=client.ip)
        if attempt.last_seen_at is None or now - attempt.last_seen_at >= LOST_AFTER:
            attempt_changed(attempt)  # back after a silence: the proctor's row says so
    return attempt


@keeps_notices
@transaction.atomic
def submit(*, actor, attempt_id: int, client: Client) -> Attempt:
    now = timezone.now()
    attempt, activity, policy, is_open = _checked_open(actor, attempt_id, client, now)
    if is_open:
        close(attempt, activity, policy, AttemptState.SUBMITTED, at=now)
    return attempt


def close_expired(*, session=None, limit: int = 500) -> int:
    """Close attempts whose deadline passed with nobody there to submit them (of one
    session, or all); each in its own transaction, so one bad row cannot hold the
    rest. Returns how many."""
    due = Attempt.objects.filter(
        state=AttemptState.IN_PROGRESS, paused_at__isnull=True, deadline__lte=timezone.now()
    )
    if session is not None:
        due = due.filter(session=session)
    due = list(due.values_list("pk", "enrollment_id")[:limit])
    closed = 0
    for attempt_id, enrollment_id in due:
        with transaction.atomic():
            lock_enrollment_status(enrollment_id)
            attempt = (
                Attempt.objects.select_for_update(of=("self",))
                .select_related("enrollment")
                .get(pk=attempt_id)
            )
            if not attempt.is_open:
                continue
            activity, policy = policy_of(attempt.enrollment, attempt.activity_key)
            closed += _close_if_due(attempt, activity, policy, timezone.now())
    return closed
