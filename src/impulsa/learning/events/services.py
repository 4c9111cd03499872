"""Learning events: written once, never changed, and the source of progress.

`record` appends an event and folds it into ActivityProgress in the same
transaction; `rebuild_progress` recomputes the projection from the events alone,
which is what keeps the projection honest. xapi.py renders events as xAPI
statements.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from psycopg.types.json import Jsonb

from impulsa.learning.models import (
    ActivityProgress,
    Enrollment,
    LearningEvent,
    ProgressStatus,
    Verb,
)

# Views and time beats touch the "where was I" pointer; answers do too.
_RESUME_VERBS = {Verb.EXPERIENCED, Verb.ANSWERED}
# A single time beat longer than this is a tab left open, not study.
MAX_SECONDS_PER_BEAT = 600
POINTER_REFRESH = timedelta(minutes=1)


def lock_enrollment_status(enrollment_id: int) -> str | None:
    """Lock the enrollment's row until the caller's transaction ends and return its
    status (None if it is gone); outside a transaction Django refuses the lock.

    Lock order: every writer of an enrollment's events, progress and pointer takes
    the enrollment row first (`record` does; an answer does before checking it may
    answer). Without this, the event insert's foreign-key share lock, the progress
    upsert and the pointer update of a page view and an answer meet in opposite
    orders and deadlock. NO KEY: inserts that reference the row are not blocked."""
    return _lock(enrollment_id, durable=True)


def lock_enrollment_with_progress(
    enrollment_id: int, activity_key
) -> tuple[str | None, ActivityProgress | None]:
    """lock_enrollment_status, and the progress row of one activity read under the
    lock in the same statement (an answer needs both; one round trip)."""
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError(
            "select_for_update cannot be used outside of a transaction."
        )
    with connection.cursor() as cursor:
        cursor.execute(_LOCK_WITH_PROGRESS, [activity_key, enrollment_id])
        row = cursor.fetchone()
    if row is None:
        return None, None
    if row[1] is None:
        return row[0], None
    return row[0], ActivityProgress.from_db("default", _PROGRESS_FIELDS, row[1:])


# All of them, in the model's order (what Model.from_db expects).
_PROGRESS_FIELDS = tuple(field.attname for field in ActivityProgress._meta.concrete_fields)
_LOCK_WITH_PROGRESS = f"""
SELECT e.status, {", ".join(f"p.{name}" for name in _PROGRESS_FIELDS)}
FROM learning_enrollment e
LEFT JOIN learning_activityprogress p ON p.enrollment_id = e.id AND p.activity_key = %s
WHERE e.id = %s
FOR NO KEY UPDATE OF e
"""  # noqa: S608 (the field names above)
# Raw SQL: every page view and answer runs it; the ORM would compile it each time.
_LOCK = "SELECT status FROM learning_enrollment WHERE id = %s FOR NO KEY UPDATE"
# The same, also turning off the wait for the disk flush for this transaction only
# (see record's durable=False), without a round trip of its own.
_LOCK_NOT_DURABLE = (
    "SELECT status, set_config('synchronous_commit', 'off', true)"
    " FROM learning_enrollment WHERE id = %s FOR NO KEY UPDATE"
)


def _lock(enrollment_id: int, *, durable: bool) -> str | None:
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError(
            "select_for_update cannot be used outside of a transaction."
        )
    with connection.cursor() as cursor:
        cursor.execute(_LOCK if durable else _LOCK_NOT_DURABLE, [enrollment_id])
        row = cursor.fetchone()
    return row[0] if row is not None else None


def record(
    *,
    enrollment: Enrollment,
    verb: str,
    object_type: str,
    object_id: str,
    activity_key=None,
    result: dict | None = None,
    context: dict | None = None,
    actor=None,
    durable: bool = True,
    locked: bool = False,
) -> LearningEvent:
    """Append one event (the student is the actor unless given) and update progress.
    Callers inside a transaction get no savepoint: a failure rolls back their whole
    write, which is what an answer and its event need. `locked`: the caller took
    lock_enrollment_status in this transaction already.

    `durable=False` (page views, time beats) commits without waiting for the disk
    when this call owns the transaction: a crash may lose the last fraction of a
    second of such events, never corrupt anything, and the page does not wait
    for a disk flush. Answers and completions stay durable."""
    owns_transaction = not connection.in_atomic_block
    with transaction.atomic(savepoint=False):
        if not locked:
            _lock(enrollment.pk, durable=durable or not owns_transaction)
        event = LearningEvent(
            timestamp=timezone.now(),
            actor_id=actor.pk if actor is not None else enrollment.student_id,
            verb=verb,
            object_type=object_type,
            object_id=str(object_id),
            enrollment=enrollment,
            course_id=enrollment.course_id,
            version_number=enrollment.version.number,
            campus_id=enrollment.campus_id,
            activity_key=activity_key,
            result=result or {},
            context=context or {},
        )
        moves_pointer = (
            activity_key is not None
            and verb in _RESUME_VERBS
            and _pointer_is_stale(enrollment, activity_key, event)
        )
        _write(event, moves_pointer)
        if moves_pointer:
            enrollment.last_activity_key = activity_key
            enrollment.last_seen_at = event.timestamp
    return event


_INSERT_EVENT = """
INSERT INTO learning_learningevent
    (timestamp, actor_id, verb, object_type, object_id, enrollment_id, course_id,
     version_number, campus_id, activity_key, result, context)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
RETURNING id
"""
# The ORM's upsert (bulk_create with update_conflicts) cannot add to or compare with
# the stored row, hence SQL. GREATEST ignores NULL: a non-completing event keeps the score.
_UPSERT_PROGRESS = """
INSERT INTO learning_activityprogress
    (enrollment_id, activity_key, status, score, attempts, seconds, updated_at)
VALUES (%s, %s, %s, %s, %s, %s, %s)
ON CONFLICT (enrollment_id, activity_key) DO UPDATE SET
    status = CASE WHEN EXCLUDED.status = %s THEN EXCLUDED.status
                  ELSE learning_activityprogress.status END,
    score = GREATEST(learning_activityprogress.score, EXCLUDED.score),
    attempts = learning_activityprogress.attempts + EXCLUDED.attempts,
    seconds = learning_activityprogress.seconds + EXCLUDED.seconds,
    updated_at = EXCLUDED.updated_at
"""
_MOVE_POINTER = """
UPDATE learning_enrollment SET last_activity_key = %s, last_seen_at = %s WHERE id = %s
"""


def _write(event: LearningEvent, moves_pointer: bool) -> None:
    """The event, its progress and the resume pointer in one statement (one round
    trip): the parts of a WITH that write all run, read or not."""
    parts = [("event", _INSERT_EVENT, _event_params(event))]
    if event.activity_key is not None:
        parts.append(("progress", _UPSERT_PROGRESS, _progress_params(event)))
    if moves_pointer:
        params = [event.activity_key, event.timestamp, event.enrollment_id]
        parts.append(("pointer", _MOVE_POINTER, params))
    written = ", ".join(f"{name} AS ({text})" for name, text, _ in parts)
    sql = f"WITH {written} SELECT id FROM event"  # noqa: S608 (the constants above only)
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for *_, params in parts for value in params])
        event.pk = cursor.fetchone()[0]
    event._state.adding = False


def _event_params(event: LearningEvent) -> list:
    return [
        event.timestamp,
        event.actor_id,
        event.verb,
        event.object_type,
        event.object_id,
        event.enrollment_id,
        event.course_id,
        event.version_number,
        event.campus_id,
        event.activity_key,
        Jsonb(event.result),
        Jsonb(event.context),
    ]


def _project(event: LearningEvent) -> None:
    """Fold one event into the progress row of its activity (one upsert)."""
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT_PROGRESS, _progress_params(event))


def _progress_params(event: LearningEvent) -> list:
    completed = event.verb == Verb.COMPLETED
    return [
        event.enrollment_id,
        event.activity_key,
        ProgressStatus.COMPLETED if completed else ProgressStatus.STARTED,
        _score(event) if completed else None,
        1 if completed else 0,
        _seconds(event),
        event.timestamp,
        ProgressStatus.COMPLETED,
    ]


def _pointer_is_stale(enrollment: Enrollment, activity_key, event: LearningEvent) -> bool:
    """The "where was I" pointer moves with the student; on the same activity its
    time is refreshed at most once a minute (answers come every few seconds)."""
    if str(enrollment.last_activity_key) != str(activity_key) or enrollment.last_seen_at is None:
        return True
    return event.timestamp - enrollment.last_seen_at >= POINTER_REFRESH


def _seconds(event: LearningEvent) -> int:
    if event.verb != Verb.SPENT_TIME:
        return 0
    return max(0, min(int(event.result.get("seconds", 0)), MAX_SECONDS_PER_BEAT))


def _score(event: LearningEvent) -> Decimal | None:
    raw = event.result.get("score")
    return None if raw is None else Decimal(str(raw))


@transaction.atomic
def rebuild_progress(enrollment: Enrollment) -> None:
    """Recompute an enrollment's progress from its events (after a fix, or to audit)."""
    ActivityProgress.objects.filter(enrollment=enrollment).delete()
    for event in (
        LearningEvent.objects.filter(enrollment=enrollment, activity_key__isnull=False)
        .order_by("id")
        .iterator()
    ):
        _project(event)
