"""Matching items: relate each left entry to one option on the right; credit is
the share of rows matched right."""

from decimal import Decimal

from django.utils.translation import gettext as _

from impulsa.assessment.itemtypes.outcome import outcome
from impulsa.assessment.itemtypes.values import (
    blank,
    dict_entry,
    index_value,
    invalid_response,
    list_field,
    text_field,
)
from impulsa.core.errors import DomainError


def right_options(body: dict) -> list[str]:
    """What the student picks from: the distinct rights in pair order, then the distractors."""
    options = list(dict.fromkeys(pair["right"] for pair in body["pairs"]))
    return options + list(body["distractors"])


def validate(body: dict) -> dict:
    pairs = []
    for number, entry in enumerate(list_field(body, "pairs", _("La lista de pares"), minimum=2), 1):
        what = _("El par %(n)s") % {"n": number}
        entry = dict_entry(entry, what)
        pair = {
            "left": text_field(entry.get("left"), what, required=True),
            "right": text_field(entry.get("right"), what, required=True),
        }
        if any(seen["left"] == pair["left"] for seen in pairs):
            raise DomainError(_("El par %(n)s repite un elemento de la izquierda.") % {"n": number})
        pairs.append(pair)
    rights = {pair["right"] for pair in pairs}
    distractors = []
    for number, entry in enumerate(
        list_field(body, "distractors", _("La lista de distractores")), 1
    ):
        text = text_field(entry, _("El distractor %(n)s") % {"n": number}, required=True)
        if text in rights or text in distractors:
            raise DomainError(_("El distractor %(n)s repite otra opción.") % {"n": number})
        distractors.append(text)
    return {"pairs": pairs, "distractors": distractors}


def coerce(body: dict, value) -> list:
    if not isinstance(value, list | tuple) or len(value) != len(body["pairs"]):
        raise invalid_response(_("se esperaba una opción por cada elemento."))
    size = len(right_options(body))
    return [None if blank(entry) else index_value(entry, size) for entry in value]


def score(body: dict, response: list):
    options = right_options(body)
    right = sum(
        1
        for pair, chosen in zip(body["pairs"], response, strict=True)
        if chosen is not None and options[chosen] == pair["right"]
    )
    return outcome(Decimal(right) / len(body["pairs"]))


def from_form(body: dict, data, prefix: str):
    values = [data.get(f"{prefix}match-{index}") for index in range(len(body["pairs"]))]
    if all(blank(value) for value in values):
        return None
    return coerce(body, values)
