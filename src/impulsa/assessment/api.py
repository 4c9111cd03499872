"""What other apps may use from assessment (OEP-49): these names only.

Items are written through the bank's services and answers through answering's;
no model is offered here, so no other app writes assessment's tables.
"""

from impulsa.assessment.answering.services import Saved, finish_quiz, save_answer
from impulsa.assessment.bank.services import (
    add_items,
    create_item,
    set_activity_items,
    update_item,
)
from impulsa.assessment.bank.transfer import ImportReport, export_items, import_items
from impulsa.assessment.itemtypes import (
    TYPE_LABELS,
    Outcome,
    coerce_response,
    score,
    validate_body,
)

__all__ = [
    "TYPE_LABELS",
    "ImportReport",
    "Outcome",
    "Saved",
    "add_items",
    "coerce_response",
    "create_item",
    "export_items",
    "finish_quiz",
    "import_items",
    "save_answer",
    "score",
    "set_activity_items",
    "update_item",
    "validate_body",
]
