"""Closed attempts follow their answers: when a teacher grades an essay or an item fix
rescores saved answers (assessment's grading services), the attempts holding them get
their score, grade and result again, in the same transaction (and audited, as every
change to an Attempt's grade is)."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from impulsa.assessment.api import attempt_score
from impulsa.learning.api import published_activity
from impulsa.proctoring.models import Attempt, AttemptState
from impulsa.proctoring.policy import Policy

_SCORE_QUANTUM = Decimal("0.0001")


def attempts_follow_answers(changes) -> None:
    if not changes:
        return
    match = Q()
    for change in changes:
        match |= Q(
            enrollment_id=change.enrollment_id,
            activity_key=change.activity_key,
            number=change.attempt,
        )
    closed = Attempt.objects.filter(match).filter(
        state__in=[AttemptState.SUBMITTED, AttemptState.EXPIRED]
    )
    for attempt in closed.select_related("enrollment").select_for_update(of=("self",)):
        activity = published_activity(attempt.enrollment.version_id, attempt.activity_key)
        policy = Policy.from_json(activity.frozen.get("policy", {})) if activity else Policy()
        score = attempt_score(
            attempt.enrollment_id, attempt.activity_key, attempt.number, attempt.form["items"]
        ).quantize(_SCORE_QUANTUM, rounding=ROUND_HALF_UP)
        attempt.score = score
        attempt.grade = policy.grade(score)
        attempt.passed = policy.passes(attempt.grade)
        attempt.save(update_fields=["score", "grade", "passed"])
