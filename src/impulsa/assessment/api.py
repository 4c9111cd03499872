"""What other apps may use from assessment (OEP-49): these names only.

Items are written through the bank's services and answers through answering's and
grading's; no model is offered here, so no other app writes assessment's tables.
`on_answers_changed(callback)` tells an app above (proctoring) which attempts a
grading or a regrade changed, inside the same transaction (grading/listeners.py).
"""

from impulsa.assessment.answering.attempts import (
    answered_counts,
    attempt_answers,
    attempt_score,
    placed_item_versions,
    pool_candidates,
    response_from_post,
    save_attempt_answer,
)
from impulsa.assessment.answering.player import EXAM as EXAM_MODE
from impulsa.assessment.answering.player import RESULT as RESULT_MODE
from impulsa.assessment.answering.player import REVIEW as REVIEW_MODE
from impulsa.assessment.answering.player import render_activity as render_activity_items
from impulsa.assessment.answering.player import render_attempt_items
from impulsa.assessment.answering.services import Saved, save_answer
from impulsa.assessment.bank.selectors import items_of
from impulsa.assessment.bank.services import (
    add_items,
    create_item,
    set_activity_items,
    update_item,
)
from impulsa.assessment.bank.transfer import ImportReport, export_items, import_items
from impulsa.assessment.grading.listeners import AnswerChange, on_answers_changed
from impulsa.assessment.grading.services import (
    Graded,
    RegradeReport,
    grade_answer,
    regrade_item,
)
from impulsa.assessment.itemtypes import (
    TYPE_LABELS,
    Outcome,
    coerce_response,
    score,
    validate_body,
)

__all__ = [
    "EXAM_MODE",
    "RESULT_MODE",
    "REVIEW_MODE",
    "TYPE_LABELS",
    "AnswerChange",
    "Graded",
    "ImportReport",
    "Outcome",
    "RegradeReport",
    "Saved",
    "add_items",
    "answered_counts",
    "attempt_answers",
    "attempt_score",
    "coerce_response",
    "create_item",
    "export_items",
    "grade_answer",
    "import_items",
    "items_of",
    "on_answers_changed",
    "placed_item_versions",
    "pool_candidates",
    "regrade_item",
    "render_activity_items",
    "render_attempt_items",
    "response_from_post",
    "save_answer",
    "save_attempt_answer",
    "score",
    "set_activity_items",
    "update_item",
    "validate_body",
]
