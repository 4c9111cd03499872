"""A student answering a practice: save an answer, reveal a hint. Each write is also
a learning event (learning.api.record_event).

A practice has a single attempt that the student keeps improving (Answer.attempt is
always PRACTICE_ATTEMPT); quizzes and exams are taken as proctoring's attempts and
save through attempts.py.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from psycopg.types.json import Jsonb

from impulsa.assessment import itemtypes
from impulsa.assessment.answering.kind_codes import PRACTICE
from impulsa.assessment.grading.services import mark_pending
from impulsa.assessment.itemtypes import Outcome
from impulsa.assessment.models import Answer, ItemVersion
from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.learning.api import (
    ActivityProgress,
    Enrollment,
    EnrollmentStatus,
    ProgressStatus,
    PublishedActivity,
    Verb,
    lock_enrollment_with_progress,
    record_event,
)

_QUANTUM = Decimal("0.0001")
PRACTICE_ATTEMPT = 1


@dataclass(frozen=True)
class Saved:
    answer: Answer
    outcome: Outcome
    completed: bool  # this answer finished the practice
    answered: int  # items answered so far
    finished: bool  # complete, by this answer or before


def item_version_ids(activity: PublishedActivity) -> list[int]:
    return list(activity.frozen.get("item_versions", []))


def _ensure_can_answer(
    actor, enrollment: Enrollment, activity: PublishedActivity
) -> ActivityProgress | None:
    """Only the student answers, only while enrolled, only in their version; the
    enrollment row is locked first, as every event write does (record_event), so two
    requests of one student take turns and take their locks in the same order.
    Returns the activity's progress row (or None), read under that lock."""
    if actor.pk != enrollment.student_id:
        raise AccessDenied(_("Solo el alumno inscrito puede responder."))
    status, progress = lock_enrollment_with_progress(enrollment.pk, activity.key)
    if status is None or status == EnrollmentStatus.WITHDRAWN:
        raise Conflict(_("Te dieron de baja de este curso; ya no puedes responder."))
    if activity.version_id != enrollment.version_id or activity.kind != PRACTICE:
        raise DomainError(_("Esta actividad no admite respuestas."))
    return progress


def _ensure_item(activity, item_version: ItemVersion) -> None:
    if item_version.pk not in item_version_ids(activity):
        raise DomainError(_("Esa pregunta no es parte de esta actividad."))


def _event(enrollment, verb, activity, item_version, result, attempt) -> None:
    record_event(
        enrollment=enrollment,
        verb=verb,
        object_type="item",
        object_id=f"item:{item_version.item.key}",
        activity_key=activity.key,
        result=result,
        context={"attempt": attempt, "item_version": item_version.pk},
        locked=True,  # by _ensure_can_answer
    )


def _complete(enrollment, activity, score: Decimal, attempt: int) -> None:
    record_event(
        enrollment=enrollment,
        verb=Verb.COMPLETED,
        object_type="activity",
        object_id=str(activity.key),
        activity_key=activity.key,
        result={"score": str(score), "attempt": attempt},
        locked=True,  # by _ensure_can_answer
    )


def _mean(fractions, count: int) -> Decimal:
    total = sum(fractions, Decimal(0))
    return (total / count).quantize(_QUANTUM, rounding=ROUND_HALF_UP) if count else Decimal(0)


# One statement where update_or_create takes four (savepoint, select, write,
# release) on the path every answer takes; RETURNING brings back the hints the
# student had already opened, which the page shows again. The same round trip reads
# the credits of the practice's other answered items: the
# statement's snapshot predates its own write, hence "other", and the enrollment
# lock keeps them from changing meanwhile.
_UPSERT_ANSWER = """
WITH saved AS (
    INSERT INTO assessment_answer
        (enrollment_id, activity_key, attempt, item_version_id, response, fraction,
         hints_seen, updated_at)
    VALUES (%s, %s, %s, %s, %s, %s, 0, %s)
    ON CONFLICT (enrollment_id, activity_key, attempt, item_version_id) DO UPDATE SET
        response = EXCLUDED.response, fraction = EXCLUDED.fraction,
        updated_at = EXCLUDED.updated_at
    RETURNING id, hints_seen
)
SELECT saved.id, saved.hints_seen, ARRAY(
    SELECT fraction FROM assessment_answer
    WHERE enrollment_id = %s AND activity_key = %s AND attempt = %s
      AND item_version_id = ANY(%s) AND item_version_id <> %s AND response IS NOT NULL
) FROM saved
"""


def _upsert_answer(
    enrollment, activity, attempt, item_version, response, outcome
) -> tuple[Answer, list[Decimal]]:
    """The saved answer, and the credits of the attempt's answered items (this one
    included)."""
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            _UPSERT_ANSWER,
            [
                enrollment.pk,
                activity.key,
                attempt,
                item_version.pk,
                Jsonb(response),
                outcome.fraction,
                now,
                enrollment.pk,
                activity.key,
                attempt,
                item_version_ids(activity),
                item_version.pk,
            ],
        )
        pk, hints_seen, others = cursor.fetchone()
    answer = Answer(
        pk=pk,
        enrollment=enrollment,
        activity_key=activity.key,
        attempt=attempt,
        item_version=item_version,
        response=response,
        fraction=outcome.fraction,
        hints_seen=hints_seen,
        updated_at=now,
    )
    return answer, [*others, outcome.fraction]


@transaction.atomic
def save_answer(
    *,
    actor,
    enrollment: Enrollment,
    activity: PublishedActivity,
    item_version: ItemVersion,
    response,
) -> Saved:
    """Score and keep the student's response to one item in the open attempt.
    A practice counts as completed once every item has an answer."""
    progress = _ensure_can_answer(actor, enrollment, activity)
    _ensure_item(activity, item_version)
    response = itemtypes.coerce_response(item_version.type, item_version.body, response)
    if response is None:
        raise DomainError(_("Escribe o elige una respuesta antes de enviarla."))
    outcome = itemtypes.score(item_version.type, item_version.body, response)
    attempt = PRACTICE_ATTEMPT
    answer, fractions = _upsert_answer(
        enrollment, activity, attempt, item_version, response, outcome
    )
    if outcome.pending:  # an open answer: it waits for a teacher (grading/)
        mark_pending(answer)
    _event(
        enrollment,
        Verb.ANSWERED,
        activity,
        item_version,
        {"score": str(outcome.fraction), "success": outcome.correct, "response": response},
        attempt,
    )
    ids = item_version_ids(activity)
    already = progress is not None and progress.status == ProgressStatus.COMPLETED
    completed = not already and len(fractions) == len(ids)
    if completed:
        _complete(enrollment, activity, _mean(fractions, len(ids)), attempt)
    return Saved(
        answer, outcome, completed=completed, answered=len(fractions), finished=already or completed
    )


@transaction.atomic
def reveal_hint(
    *, actor, enrollment: Enrollment, activity: PublishedActivity, item_version: ItemVersion
) -> Answer:
    """Show the next hint of a practice item (counted in Answer.hints_seen)."""
    _ensure_can_answer(actor, enrollment, activity)
    _ensure_item(activity, item_version)
    answer, _created = Answer.objects.get_or_create(
        enrollment=enrollment,
        activity_key=activity.key,
        attempt=PRACTICE_ATTEMPT,
        item_version=item_version,
        defaults={"response": None, "fraction": Decimal(0)},
    )
    if answer.hints_seen >= len(item_version.hints):
        raise DomainError(_("Ya viste todas las pistas de esta pregunta."))
    answer.hints_seen += 1
    answer.save(update_fields=["hints_seen", "updated_at"])
    _event(
        enrollment,
        Verb.REQUESTED_HINT,
        activity,
        item_version,
        {"hint": answer.hints_seen},
        PRACTICE_ATTEMPT,
    )
    return answer
