"""Learning events: written once, never changed, and the source of progress.

`record` appends an event and folds it into ActivityProgress in the same
transaction; `rebuild_progress` recomputes the projection from the events alone,
which is what keeps the projection honest. xapi.py renders events as xAPI
statements.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction

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
    return (
        Enrollment.objects.select_for_update(no_key=True)
        .filter(pk=enrollment_id)
        .values_list("status", flat=True)
        .first()
    )


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
) -> LearningEvent:
    """Append one event (the student is the actor unless given) and update progress.
    Callers inside a transaction get no savepoint: a failure rolls back their whole
    write, which is what an answer and its event need.

    `durable=False` (page views, time beats) commits without waiting for the disk
    when this call owns the transaction: a crash may lose the last fraction of a
    second of such events, never corrupt anything, and the page does not wait
    for a disk flush. Answers and completions stay durable."""
    owns_transaction = not connection.in_atomic_block
    with transaction.atomic(savepoint=False):
        if not durable and owns_transaction:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        lock_enrollment_status(enrollment.pk)
        event = LearningEvent.objects.create(
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
        if activity_key is not None:
            _project(event)
            if verb in _RESUME_VERBS and _pointer_is_stale(enrollment, activity_key, event):
                Enrollment.objects.filter(pk=enrollment.pk).update(
                    last_activity_key=activity_key, last_seen_at=event.timestamp
                )
                enrollment.last_activity_key = activity_key
                enrollment.last_seen_at = event.timestamp
    return event


# One statement instead of read-then-write: the answer request runs it every time.
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


def _project(event: LearningEvent) -> None:
    """Fold one event into the progress row of its activity (one upsert)."""
    completed = event.verb == Verb.COMPLETED
    with connection.cursor() as cursor:
        cursor.execute(
            _UPSERT_PROGRESS,
            [
                event.enrollment_id,
                event.activity_key,
                ProgressStatus.COMPLETED if completed else ProgressStatus.STARTED,
                _score(event) if completed else None,
                1 if completed else 0,
                _seconds(event),
                event.timestamp,
                ProgressStatus.COMPLETED,
            ],
        )


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
