"""Item types of the bank: validate a body, coerce and score a response (pure, Decimal).

Bodies and responses follow the item data contract shared with the formats and the
player; each type's module holds its rules. `score` expects a body that went through
`validate_body`.
"""

from django.utils.translation import gettext as _

from impulsa.assessment.itemtypes import budget
from impulsa.assessment.itemtypes.arrangement import MATCHING, ORDERING, right_options
from impulsa.assessment.itemtypes.base import ItemType
from impulsa.assessment.itemtypes.choice import MULTIPLE_CHOICE, SINGLE_CHOICE, TRUE_FALSE
from impulsa.assessment.itemtypes.cloze import CLOZE
from impulsa.assessment.itemtypes.numeric import NUMERIC
from impulsa.assessment.itemtypes.outcome import Outcome, unanswered
from impulsa.assessment.itemtypes.short_answer import SHORT_ANSWER
from impulsa.assessment.itemtypes.values import dict_entry
from impulsa.core.errors import DomainError

TYPES: dict[str, ItemType] = {
    kind.code: kind
    for kind in (
        SINGLE_CHOICE,
        MULTIPLE_CHOICE,
        TRUE_FALSE,
        NUMERIC,
        SHORT_ANSWER,
        MATCHING,
        ORDERING,
        CLOZE,
    )
}
TYPE_LABELS = {code: kind.label for code, kind in TYPES.items()}


def _kind(item_type: str) -> ItemType:
    try:
        return TYPES[item_type]
    except (KeyError, TypeError):
        raise DomainError(
            _("Tipo de pregunta desconocido: %(type)s.") % {"type": item_type}
        ) from None


def validate_body(item_type: str, body: dict) -> dict:
    """The normalized body (defaults filled, canonical Decimal strings) or DomainError."""
    return _kind(item_type).validate(dict_entry(body, _("La definición de la pregunta")))


def coerce_response(item_type: str, body: dict, value):
    """A valid response from a JSON value; None stays None (unanswered)."""
    return None if value is None else _kind(item_type).coerce(body, value)


def score(item_type: str, body: dict, response) -> Outcome:
    """Credit for a response; an unanswered or malformed one scores 0. The whole call
    runs within one time budget (budget.py)."""
    kind = _kind(item_type)
    if response is None:
        return unanswered()
    try:
        response = kind.coerce(body, response)
    except DomainError:
        return unanswered()
    with budget.scoring_budget():
        return kind.score(body, response)


def warnings(item_type: str, body: dict) -> list[str]:
    """Notes on a body that is valid but probably not meant (none for an invalid one:
    validation reports that)."""
    try:
        valid = validate_body(item_type, body)
    except DomainError:
        return []
    return _kind(item_type).warnings(valid)


def response_from_form(item_type: str, body: dict, data, prefix: str = ""):
    """The response from HTML form fields (see the field names per type); None if unanswered."""
    return _kind(item_type).from_form(body, data, prefix)


__all__ = [
    "TYPES",
    "TYPE_LABELS",
    "ItemType",
    "Outcome",
    "coerce_response",
    "response_from_form",
    "right_options",
    "score",
    "validate_body",
    "warnings",
]
