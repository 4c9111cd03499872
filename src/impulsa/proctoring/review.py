"""What a student may see of a closed attempt: its grade once the review policy
allows, and the keys (feedback, worked solutions) only when no attempt remains, so
evidence of learning is never an answer key replayed."""

from django.utils import timezone

from impulsa.proctoring.models import AttemptState, ReviewPolicy


def grade_visible(attempt, policy, now=None) -> bool:
    if attempt.is_open or attempt.state == AttemptState.INVALIDATED:
        return False
    session = attempt.session
    if policy.review == ReviewPolicy.IMMEDIATELY:
        return True
    if policy.review == ReviewPolicy.AFTER_CLOSE:
        return session is None or (now or timezone.now()) >= session.closes_at
    return session is not None and session.results_released_at is not None


def keys_visible(attempt, policy, attempts_left: int, now=None) -> bool:
    return attempts_left <= 0 and grade_visible(attempt, policy, now)
