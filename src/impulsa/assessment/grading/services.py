"""Writes of grading: a teacher grading an open answer with its rubric, and an item fix
regrading the answers given to its earlier versions.

Both run in one transaction, audit every grade they change (django-auditlog tracks
Answer's grading fields, see apps.py; the entry names the actor) and tell the
listeners (listeners.py) which attempts changed, inside that same transaction.
"""

import contextlib
from dataclasses import dataclass
from decimal import Decimal

from auditlog.context import auditlog_value, set_actor
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.assessment import itemtypes
from impulsa.assessment.grading import selectors
from impulsa.assessment.grading.listeners import AnswerChange, notify
from impulsa.assessment.itemtypes import budget
from impulsa.assessment.itemtypes.essay import scoring as essay
from impulsa.assessment.itemtypes.outcome import Outcome
from impulsa.assessment.models import Answer, GradingState, Item
from impulsa.audit.api import record
from impulsa.core.errors import AccessDenied, DomainError
from impulsa.learning.api import ensure_author, lock_enrollment_status
from impulsa.org.api import can

MAX_COMMENT_CHARS = 5_000
GRADE_FIELDS = [
    "fraction",
    "grading_state",
    "rubric_scores",
    "grader_comment",
    "graded_by",
    "graded_at",
]


@contextlib.contextmanager
def audited_as(actor):
    """Audit entries written inside name `actor`. Within a request the middleware's
    context (and its client address) is kept and restored afterwards; elsewhere (a
    task, a shell) the actor would otherwise be missing."""
    outer = auditlog_value.get(None)
    try:
        with set_actor(actor, remote_addr=outer.get("remote_addr") if outer else None):
            yield
    finally:
        if outer is not None:
            auditlog_value.set(outer)


def mark_pending(answer: Answer) -> None:
    """An open answer just saved (or changed) waits for a person again. Its grade is
    the student's to lose by rewriting it; the rewrite is the learning event, not an
    audited grade change."""
    Answer.objects.filter(pk=answer.pk).update(
        grading_state=GradingState.PENDING, graded_by=None, graded_at=None
    )
    answer.grading_state = GradingState.PENDING
    answer.graded_by, answer.graded_at = None, None


def graded_outcome(answer: Answer | None) -> Outcome | None:
    """What a person's grade reads as in the player (None if nobody graded it)."""
    if answer is None or answer.grading_state != GradingState.GRADED:
        return None
    return Outcome(answer.fraction, answer.fraction == 1)


@dataclass(frozen=True)
class Graded:
    answer: Answer
    points: Decimal
    max_points: Decimal


def _answer_to_grade(actor, answer_id) -> Answer:
    """The answer, locked after its enrollment: learning's lock order, which an exam's
    submit also takes (enrollment, then attempt). So a grade and the submit of the
    attempt holding the answer take turns, and whichever comes second reads the
    other's work: the submit scores the grade, or the grade rescores the submitted
    attempt (listeners), never a score computed before the grade committed."""
    found = Answer.objects.filter(pk=answer_id).values_list("enrollment_id", flat=True).first()
    if found is not None:
        lock_enrollment_status(found)
    answer = (
        Answer.objects.select_for_update(of=("self",))
        .select_related("item_version", "enrollment__campus", "enrollment__student")
        .filter(pk=answer_id)
        .first()
    )
    if answer is None:
        raise DomainError(_("Esa respuesta no existe."))
    if not can(actor, selectors.GRADE, answer.enrollment.campus):
        raise AccessDenied(_("No puedes calificar las respuestas de ese alumno."))
    if answer.item_version.type != "essay":
        raise DomainError(_("Esta respuesta se califica sola: no lleva rúbrica."))
    if answer.response is None:
        raise DomainError(_("El alumno todavía no responde esta pregunta."))
    return answer


def _comment(comment) -> str:
    text = (comment or "").strip() if isinstance(comment, str | type(None)) else None
    if text is None:
        raise DomainError(_("El comentario debe ser texto."), field="comment")
    if len(text) > MAX_COMMENT_CHARS:
        raise DomainError(
            _("El comentario pasa de %(max)s caracteres.") % {"max": MAX_COMMENT_CHARS},
            field="comment",
        )
    return text


@transaction.atomic
def grade_answer(*, actor, answer_id: int, rubric_scores, comment: str = "") -> Graded:
    """Grade an open answer: one level per rubric criterion (`rubric_scores`, the
    level indices in the rubric's order); the grade is the points over the rubric's
    maximum. Grading again replaces the grade (and is audited again)."""
    answer = _answer_to_grade(actor, answer_id)
    body = answer.item_version.body
    levels = essay.rubric_levels(body, rubric_scores)
    text = _comment(comment)
    result = essay.rubric_outcome(body, levels)
    answer.fraction = result.fraction
    answer.grading_state = GradingState.GRADED
    answer.rubric_scores = levels
    answer.grader_comment = text
    answer.graded_by = actor
    answer.graded_at = timezone.now()
    with audited_as(actor):
        answer.save(update_fields=GRADE_FIELDS)
    notify([AnswerChange(answer.enrollment_id, answer.activity_key, answer.attempt)])
    return Graded(answer, essay.rubric_points(body, levels), essay.max_points(body))


@dataclass(frozen=True)
class RegradeReport:
    changed: int  # answers whose credit changed
    unchanged: int  # rescored, same credit
    skipped: int  # the current version cannot read them (another type, an option gone)


def _rescore(kind, body: dict, response) -> Outcome | None:
    try:
        coerced = kind.coerce(body, response)
    except DomainError:
        return None
    with budget.scoring_budget():
        return kind.score(body, coerced)


@transaction.atomic
def regrade_item(*, actor, item: Item) -> RegradeReport:
    """After an item fix: score every saved answer given to its earlier versions with
    the current version. Only answers the machine scored change (a person's grade of
    an open answer stays); each change is audited."""
    item = Item.objects.select_related("current", "course").get(pk=item.pk)
    ensure_author(actor, item.course)
    current = item.current
    kind = itemtypes.kind_of(current.type)
    answers = (
        Answer.objects.select_for_update(of=("self",))
        .filter(
            item_version__item=item,
            grading_state=GradingState.AUTOMATIC,
            response__isnull=False,
        )
        .exclude(item_version=current)
        .select_related("item_version", "enrollment")
        .order_by("pk")
    )
    changes, unchanged, skipped = [], 0, 0
    with audited_as(actor):
        for answer in answers.iterator(chunk_size=500):
            rescored = None
            if answer.item_version.type == current.type:
                rescored = _rescore(kind, current.body, answer.response)
            if rescored is None:
                skipped += 1
            elif rescored.fraction == answer.fraction:
                unchanged += 1
            else:
                answer.fraction = rescored.fraction
                answer.save(update_fields=["fraction"])
                changes.append(
                    AnswerChange(answer.enrollment_id, answer.activity_key, answer.attempt)
                )
    notify(changes)
    record(
        actor=actor,
        instance=item.course,
        event="item_regraded",
        item=str(item.key),
        version=current.number,
        changed=len(changes),
    )
    return RegradeReport(len(changes), unchanged, skipped)
