"""Answers inside an attempt that another app keeps (proctoring's exams): the caller
owns the attempt row and its rules; this module owns the answers.

The caller locks the enrollment first (learning.api.lock_enrollment_status), then
its attempt row, so every writer takes its locks in the same order.
"""

from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from impulsa.assessment import itemtypes
from impulsa.assessment.answering import published_versions_cache
from impulsa.assessment.answering.player import item_seed, read_form
from impulsa.assessment.answering.services import _event, _upsert_answer
from impulsa.assessment.grading.services import mark_pending
from impulsa.assessment.models import ActivityItem, Answer, Item
from impulsa.core.errors import DomainError
from impulsa.learning.api import Verb


def placed_item_versions(activity) -> list[int]:
    """Current versions of the items placed in a draft activity, in their order."""
    placed = ActivityItem.objects.filter(activity=activity).order_by("position", "id")
    return list(placed.values_list("item__current_id", flat=True))


def pool_candidates(course_id, *, skill_id=None, difficulty_min=None, difficulty_max=None):
    """Current versions of the course bank's items that fit a pool: tagged with the
    skill (any, if None), difficulty within the bounds (items without one fit only an
    unbounded pool). Ordered by id, so a frozen pool reads the same every time."""
    items = Item.objects.filter(course_id=course_id, current__isnull=False)
    if skill_id is not None:
        items = items.filter(skills=skill_id)
    if difficulty_min is not None:
        items = items.filter(current__difficulty__gte=difficulty_min)
    if difficulty_max is not None:
        items = items.filter(current__difficulty__lte=difficulty_max)
    return list(items.order_by("id").values_list("current_id", flat=True).distinct())


def save_attempt_answer(*, enrollment, activity, attempt: int, item_version_id: int, response):
    """Score and keep one response of an open attempt (the caller checked the attempt
    is open, the item is on its form and holds the enrollment's lock). The answer is
    committed with the caller's transaction, before the student is told it is saved."""
    version = published_versions_cache.versions([item_version_id])[item_version_id]
    response = itemtypes.coerce_response(version.type, version.body, response)
    if response is None:
        raise DomainError(_("Escribe o elige una respuesta antes de guardarla."))
    outcome = itemtypes.score(version.type, version.body, response)
    answer, _fractions = _upsert_answer(enrollment, activity, attempt, version, response, outcome)
    if outcome.pending:  # an open answer: it waits for a teacher (grading/)
        mark_pending(answer)
    _event(
        enrollment,
        Verb.ANSWERED,
        activity,
        version,
        {"score": str(outcome.fraction), "success": outcome.correct, "response": response},
        attempt,
    )
    return answer


def response_from_post(enrollment, item_version_id: int, data):
    """The response an item's posted form holds (None if left empty)."""
    version = published_versions_cache.versions([item_version_id])[item_version_id]
    fields = read_form(version, data, item_seed(enrollment, version))
    return itemtypes.response_from_form(version.type, version.body, fields)


def attempt_answers(enrollment_id, activity_key, attempt: int) -> dict[int, Answer]:
    """The attempt's saved answers by item version id."""
    rows = Answer.objects.filter(
        enrollment_id=enrollment_id, activity_key=activity_key, attempt=attempt
    )
    return {a.item_version_id: a for a in rows}


def answered_counts(keys: list[tuple[int, object, int]]) -> dict[tuple, int]:
    """Answered items per (enrollment id, activity key, attempt), in one query."""
    if not keys:
        return {}
    match = Q()
    for enrollment_id, activity_key, attempt in keys:
        match |= Q(enrollment_id=enrollment_id, activity_key=activity_key, attempt=attempt)
    counts: dict[tuple, int] = {}
    for e, k, n in Answer.objects.filter(match, response__isnull=False).values_list(
        "enrollment_id", "activity_key", "attempt"
    ):
        counts[(e, k, n)] = counts.get((e, k, n), 0) + 1
    return counts


def attempt_score(enrollment_id, activity_key, attempt: int, item_ids: list[int]) -> Decimal:
    """Mean credit over the form's items (unanswered count 0), as a fraction 0..1."""
    if not item_ids:
        return Decimal(0)
    fractions = Answer.objects.filter(
        enrollment_id=enrollment_id,
        activity_key=activity_key,
        attempt=attempt,
        item_version_id__in=item_ids,
        response__isnull=False,
    ).values_list("fraction", flat=True)
    return sum(fractions, Decimal(0)) / len(item_ids)
