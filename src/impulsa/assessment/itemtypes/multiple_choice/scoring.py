"""Multiple choice items: several options may be chosen; their credits add up
(wrong ones may subtract), clamped to [0, 1]."""

from decimal import Decimal

from django.utils.translation import gettext as _

from impulsa.assessment.itemtypes.outcome import ONE, outcome
from impulsa.assessment.itemtypes.single_choice.scoring import choice_list, shuffle_flag
from impulsa.assessment.itemtypes.values import blank, canonical, index_value, invalid_response
from impulsa.core.errors import DomainError

# GIFT writes thirds as 33.33333 %, so a total this close to 1 is full credit.
SUM_TOLERANCE = Decimal("0.0001")


def validate(body: dict) -> dict:
    choices = choice_list(body, low=-1)
    total = sum((Decimal(c["fraction"]) for c in choices if Decimal(c["fraction"]) > 0), Decimal(0))
    if abs(total - ONE) > SUM_TOLERANCE:
        raise DomainError(
            _("Las opciones correctas deben sumar 100 %% (suman %(total)s %%).")
            % {"total": canonical(total * 100)}
        )
    return {"choices": choices, "shuffle": shuffle_flag(body)}


def coerce(body: dict, value) -> list[int]:
    if not isinstance(value, list | tuple):
        raise invalid_response(_("se esperaba una lista de opciones."))
    chosen = [index_value(entry, len(body["choices"])) for entry in value]
    if len(set(chosen)) != len(chosen):
        raise invalid_response(_("una opción está elegida dos veces."))
    return sorted(chosen)


def score(body: dict, response: list[int]):
    chosen = [body["choices"][index] for index in sorted(response)]
    total = sum((Decimal(choice["fraction"]) for choice in chosen), Decimal(0))
    if abs(total - ONE) <= SUM_TOLERANCE:
        total = ONE
    return outcome(total, [choice["feedback"] for choice in chosen])


def from_form(body: dict, data, prefix: str):
    values = [value for value in data.getlist(f"{prefix}choice") if not blank(value)]
    return coerce(body, values) if values else None
