"""Single choice, multiple choice and true/false items."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impulsa.assessment.itemtypes.base import ItemType
from impulsa.assessment.itemtypes.outcome import ONE, outcome
from impulsa.assessment.itemtypes.values import (
    blank,
    canonical,
    dict_entry,
    flag_field,
    fraction_field,
    index_value,
    invalid_response,
    list_field,
    text_field,
)
from impulsa.core.errors import DomainError

# GIFT writes thirds as 33.33333 %, so a total this close to 1 is full credit.
SUM_TOLERANCE = Decimal("0.0001")


def _choices(body: dict, *, low: int) -> list[dict]:
    raw = list_field(body, "choices", _("La lista de opciones"), minimum=2)
    choices = []
    for number, entry in enumerate(raw, 1):
        what = _("La opción %(n)s") % {"n": number}
        entry = dict_entry(entry, what)
        choices.append(
            {
                "text": text_field(entry.get("text"), what, required=True),
                "fraction": fraction_field(entry.get("fraction", "0"), what, low=low),
                "feedback": text_field(entry.get("feedback"), _("La retroalimentación")),
            }
        )
    return choices


def _shuffle(body: dict) -> bool:
    return flag_field(body, "shuffle", True, _("Barajar opciones"))


def validate_single(body: dict) -> dict:
    choices = _choices(body, low=0)
    if not any(Decimal(choice["fraction"]) == ONE for choice in choices):
        raise DomainError(_("Ninguna opción vale el 100 %."))
    return {"choices": choices, "shuffle": _shuffle(body)}


def single_warnings(body: dict) -> list[str]:
    """Moodle allows several full-credit choices, but it is usually a slip."""
    full = [str(n) for n, c in enumerate(body["choices"], 1) if Decimal(c["fraction"]) == ONE]
    if len(full) < 2:
        return []
    return [
        _(
            "Las opciones %(list)s valen el 100 %%: cualquiera de ellas cuenta como correcta. "
            "Si solo una lo es, deja las demás en 0 %% o con crédito parcial."
        )
        % {"list": ", ".join(full)}
    ]


def validate_multiple(body: dict) -> dict:
    choices = _choices(body, low=-1)
    total = sum((Decimal(c["fraction"]) for c in choices if Decimal(c["fraction"]) > 0), Decimal(0))
    if abs(total - ONE) > SUM_TOLERANCE:
        raise DomainError(
            _("Las opciones correctas deben sumar 100 %% (suman %(total)s %%).")
            % {"total": canonical(total * 100)}
        )
    return {"choices": choices, "shuffle": _shuffle(body)}


def coerce_single(body: dict, value) -> int:
    return index_value(value, len(body["choices"]))


def coerce_multiple(body: dict, value) -> list[int]:
    if not isinstance(value, list | tuple):
        raise invalid_response(_("se esperaba una lista de opciones."))
    chosen = [index_value(entry, len(body["choices"])) for entry in value]
    if len(set(chosen)) != len(chosen):
        raise invalid_response(_("una opción está elegida dos veces."))
    return sorted(chosen)


def score_single(body: dict, response: int):
    choice = body["choices"][response]
    return outcome(Decimal(choice["fraction"]), [choice["feedback"]])


def score_multiple(body: dict, response: list[int]):
    chosen = [body["choices"][index] for index in sorted(response)]
    total = sum((Decimal(choice["fraction"]) for choice in chosen), Decimal(0))
    if abs(total - ONE) <= SUM_TOLERANCE:
        total = ONE
    return outcome(total, [choice["feedback"] for choice in chosen])


def single_from_form(body: dict, data, prefix: str):
    value = data.get(f"{prefix}choice")
    return None if blank(value) else coerce_single(body, value)


def multiple_from_form(body: dict, data, prefix: str):
    values = [value for value in data.getlist(f"{prefix}choice") if not blank(value)]
    return coerce_multiple(body, values) if values else None


def validate_true_false(body: dict) -> dict:
    answer = body.get("answer")
    if not isinstance(answer, bool):
        raise DomainError(_("Falta la respuesta correcta (verdadero o falso)."))
    return {
        "answer": answer,
        "feedback_true": text_field(body.get("feedback_true"), _("La retroalimentación")),
        "feedback_false": text_field(body.get("feedback_false"), _("La retroalimentación")),
    }


def coerce_true_false(body: dict, value) -> bool:
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    if not isinstance(value, bool):
        raise invalid_response(_("se esperaba verdadero o falso."))
    return value


def score_true_false(body: dict, response: bool):
    feedback = body["feedback_true"] if response else body["feedback_false"]
    return outcome(ONE if response == body["answer"] else Decimal(0), [feedback])


def true_false_from_form(body: dict, data, prefix: str):
    value = data.get(f"{prefix}answer")
    return None if blank(value) else coerce_true_false(body, value)


SINGLE_CHOICE = ItemType(
    "single_choice",
    gettext_lazy("Opción única"),
    validate_single,
    coerce_single,
    score_single,
    single_from_form,
    single_warnings,
)
MULTIPLE_CHOICE = ItemType(
    "multiple_choice",
    gettext_lazy("Opción múltiple"),
    validate_multiple,
    coerce_multiple,
    score_multiple,
    multiple_from_form,
)
TRUE_FALSE = ItemType(
    "true_false",
    gettext_lazy("Verdadero o falso"),
    validate_true_false,
    coerce_true_false,
    score_true_false,
    true_false_from_form,
)
