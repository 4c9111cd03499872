"""True/false items."""

from decimal import Decimal

from django.utils.translation import gettext as _

from impulsa.assessment.itemtypes.outcome import ONE, outcome
from impulsa.assessment.itemtypes.values import blank, invalid_response, text_field
from impulsa.core.errors import DomainError


def validate(body: dict) -> dict:
    answer = body.get("answer")
    if not isinstance(answer, bool):
        raise DomainError(_("Falta la respuesta correcta (verdadero o falso)."))
    return {
        "answer": answer,
        "feedback_true": text_field(body.get("feedback_true"), _("La retroalimentación")),
        "feedback_false": text_field(body.get("feedback_false"), _("La retroalimentación")),
    }


def coerce(body: dict, value) -> bool:
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    if not isinstance(value, bool):
        raise invalid_response(_("se esperaba verdadero o falso."))
    return value


def score(body: dict, response: bool):
    feedback = body["feedback_true"] if response else body["feedback_false"]
    return outcome(ONE if response == body["answer"] else Decimal(0), [feedback])


def from_form(body: dict, data, prefix: str):
    value = data.get(f"{prefix}answer")
    return None if blank(value) else coerce(body, value)
