"""Item types of the bank: validate a body, coerce and score a response (pure, Decimal).

Bodies and responses follow the item data contract shared with the formats and the
player; each type's folder holds its rules (registry.py lists the folders). `score`
expects a body that went through `validate_body`.
"""

from django.utils.translation import gettext as _

from impulsa.assessment.itemtypes import budget
from impulsa.assessment.itemtypes.base import ItemType
from impulsa.assessment.itemtypes.matching.scoring import right_options
from impulsa.assessment.itemtypes.outcome import Outcome, unanswered
from impulsa.assessment.itemtypes.registry import TYPE_LABELS, TYPES, editor_for
from impulsa.assessment.itemtypes.values import dict_entry
from impulsa.core.errors import DomainError


def kind_of(item_type: str) -> ItemType:
    """The registered type (DomainError for a code no folder provides)."""
    try:
        return TYPES[item_type]
    except (KeyError, TypeError):
        raise DomainError(
            _("Tipo de pregunta desconocido: %(type)s.") % {"type": item_type}
        ) from None


def validate_body(item_type: str, body: dict) -> dict:
    """The normalized body (defaults filled, canonical Decimal strings) or DomainError."""
    return kind_of(item_type).validate(dict_entry(body, _("La definición de la pregunta")))


def coerce_response(item_type: str, body: dict, value):
    """A valid response from a JSON value; None stays None (unanswered)."""
    return None if value is None else kind_of(item_type).coerce(body, value)


def score(item_type: str, body: dict, response) -> Outcome:
    """Credit for a response; an unanswered or malformed one scores 0. The whole call
    runs within one time budget (budget.py)."""
    kind = kind_of(item_type)
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
    return kind_of(item_type).warnings(valid)


def response_from_form(item_type: str, body: dict, data, prefix: str = ""):
    """The response from HTML form fields (see the field names per type); None if unanswered."""
    return kind_of(item_type).from_form(body, data, prefix)


__all__ = [
    "TYPES",
    "TYPE_LABELS",
    "ItemType",
    "Outcome",
    "coerce_response",
    "editor_for",
    "kind_of",
    "response_from_form",
    "right_options",
    "score",
    "validate_body",
    "warnings",
]
