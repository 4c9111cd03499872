"""Single choice items: one option is chosen; each option carries its credit."""

from decimal import Decimal

from django.utils.translation import gettext as _

from impulsa.assessment.itemtypes.outcome import ONE, outcome
from impulsa.assessment.itemtypes.values import (
    blank,
    dict_entry,
    flag_field,
    fraction_field,
    index_value,
    list_field,
    text_field,
)
from impulsa.core.errors import DomainError


def choice_list(body: dict, *, low: int) -> list[dict]:
    """The validated choices (credits in [low, 1]); multiple choice shares it."""
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


def shuffle_flag(body: dict) -> bool:
    return flag_field(body, "shuffle", True, _("Barajar opciones"))


def validate(body: dict) -> dict:
    choices = choice_list(body, low=0)
    if not any(Decimal(choice["fraction"]) == ONE for choice in choices):
        raise DomainError(_("Ninguna opción vale el 100 %."))
    return {"choices": choices, "shuffle": shuffle_flag(body)}


def warnings(body: dict) -> list[str]:
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


def coerce(body: dict, value) -> int:
    return index_value(value, len(body["choices"]))


def score(body: dict, response: int):
    choice = body["choices"][response]
    return outcome(Decimal(choice["fraction"]), [choice["feedback"]])


def from_form(body: dict, data, prefix: str):
    value = data.get(f"{prefix}choice")
    return None if blank(value) else coerce(body, value)
