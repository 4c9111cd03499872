"""Learning events: written once, never changed, and the source of progress.

`record` appends an event and folds it into ActivityProgress in the same
transaction; `rebuild_progress` recomputes the projection from the events alone,
which is what keeps the projection honest. `as_xapi` renders an event as an xAPI
1.0.3 statement (the actor is an account id, never a name or CURP).
"""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest

from impulsa.learning.models import (
    ActivityProgress,
    Enrollment,
    LearningEvent,
    ProgressStatus,
    Verb,
)

ADL = "http://adlnet.gov/expapi/verbs/"
VERB_IRIS = {
    Verb.EXPERIENCED: ADL + "experienced",
    Verb.ANSWERED: ADL + "answered",
    Verb.COMPLETED: ADL + "completed",
    Verb.ENROLLED: ADL + "registered",
    # No ADL verb says these; URNs are valid IRIs and name no made-up domain.
    Verb.REQUESTED_HINT: "urn:impulsa:verb:requested-hint",
    Verb.SPENT_TIME: "urn:impulsa:verb:spent-time",
}
_STATEMENT_NAMESPACE = uuid.UUID("6f1e9d1a-6a51-4c55-9a4b-2b1a3c7c0d11")
# Views and time beats touch the "where was I" pointer; answers do too.
_RESUME_VERBS = {Verb.EXPERIENCED, Verb.ANSWERED}
# A single time beat longer than this is a tab left open, not study.
MAX_SECONDS_PER_BEAT = 600


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
) -> LearningEvent:
    """Append one event (the student is the actor unless given) and update progress."""
    with transaction.atomic():
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
            if verb in _RESUME_VERBS:
                Enrollment.objects.filter(pk=enrollment.pk).update(
                    last_activity_key=activity_key, last_seen_at=event.timestamp
                )
                enrollment.last_activity_key = activity_key
                enrollment.last_seen_at = event.timestamp
    return event


def _project(event: LearningEvent) -> None:
    """Fold one event into the progress row of its activity (one upsert)."""
    seconds = _seconds(event)
    completed = event.verb == Verb.COMPLETED
    score = _score(event)
    progress, created = ActivityProgress.objects.get_or_create(
        enrollment_id=event.enrollment_id,
        activity_key=event.activity_key,
        defaults={
            "status": ProgressStatus.COMPLETED if completed else ProgressStatus.STARTED,
            "score": score if completed else None,
            "attempts": 1 if completed else 0,
            "seconds": seconds,
            "updated_at": event.timestamp,
        },
    )
    if created:
        return
    changes = {"updated_at": event.timestamp}
    if seconds:
        changes["seconds"] = F("seconds") + seconds
    if completed:
        changes["status"] = ProgressStatus.COMPLETED
        changes["attempts"] = F("attempts") + 1
        if score is not None:
            changes["score"] = score if progress.score is None else Greatest(F("score"), score)
    ActivityProgress.objects.filter(pk=progress.pk).update(**changes)


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


def _duration(seconds: int) -> str:
    return f"PT{int(timedelta(seconds=seconds).total_seconds())}S"


def as_xapi(event: LearningEvent, course_code: str) -> dict:
    """An xAPI statement for `event` (course_code names the parent activity)."""
    result = {}
    if "score" in event.result:
        result["score"] = {"scaled": float(Decimal(str(event.result["score"])))}
    if "success" in event.result:
        result["success"] = bool(event.result["success"])
    if event.verb == Verb.COMPLETED:
        result["completion"] = True
    if "seconds" in event.result:
        result["duration"] = _duration(event.result["seconds"])
    if "response" in event.result:
        result["response"] = str(event.result["response"])
    statement = {
        "id": str(uuid.uuid5(_STATEMENT_NAMESPACE, str(event.pk))),
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": "urn:impulsa:accounts", "name": str(event.actor_id)},
        },
        "verb": {"id": VERB_IRIS[event.verb], "display": {"es-MX": str(Verb(event.verb).label)}},
        "object": {
            "objectType": "Activity",
            "id": f"urn:impulsa:{event.object_type}:{event.object_id}",
        },
        "context": {
            "contextActivities": {
                "parent": [{"id": f"urn:impulsa:course:{course_code}"}],
            },
            "extensions": {
                "urn:impulsa:ext:course-version": event.version_number,
                **({"urn:impulsa:ext:context": event.context} if event.context else {}),
            },
        },
        "timestamp": event.timestamp.isoformat(),
    }
    if result:
        statement["result"] = result
    return statement
