"""Matching (relate two columns) and ordering (put items in sequence)."""

import itertools
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impulsa.assessment.itemtypes.base import ItemType
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


def validate_matching(body: dict) -> dict:
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


def coerce_matching(body: dict, value) -> list:
    if not isinstance(value, list | tuple) or len(value) != len(body["pairs"]):
        raise invalid_response(_("se esperaba una opción por cada elemento."))
    size = len(right_options(body))
    return [None if blank(entry) else index_value(entry, size) for entry in value]


def score_matching(body: dict, response: list):
    options = right_options(body)
    right = sum(
        1
        for pair, chosen in zip(body["pairs"], response, strict=True)
        if chosen is not None and options[chosen] == pair["right"]
    )
    return outcome(Decimal(right) / len(body["pairs"]))


def matching_from_form(body: dict, data, prefix: str):
    values = [data.get(f"{prefix}match-{index}") for index in range(len(body["pairs"]))]
    if all(blank(value) for value in values):
        return None
    return coerce_matching(body, values)


def validate_ordering(body: dict) -> dict:
    items = []
    for number, entry in enumerate(
        list_field(body, "items", _("La lista de elementos"), minimum=2), 1
    ):
        text = text_field(entry, _("El elemento %(n)s") % {"n": number}, required=True)
        if text in items:
            raise DomainError(_("El elemento %(n)s está repetido.") % {"n": number})
        items.append(text)
    return {"items": items}


def coerce_ordering(body: dict, value) -> list[int]:
    size = len(body["items"])
    if not isinstance(value, list | tuple):
        raise invalid_response(_("se esperaba el orden de los elementos."))
    order = [index_value(entry, size) for entry in value]
    if sorted(order) != list(range(size)):
        raise invalid_response(_("cada elemento debe aparecer una vez."))
    return order


def score_ordering(body: dict, response: list[int]):
    adjacent = sum(1 for first, then in itertools.pairwise(response) if then == first + 1)
    return outcome(Decimal(adjacent) / (len(response) - 1))


def ordering_from_form(body: dict, data, prefix: str):
    value = data.get(f"{prefix}order")
    if blank(value):
        return None
    return coerce_ordering(body, [part.strip() for part in value.split(",")])


MATCHING = ItemType(
    "matching",
    gettext_lazy("Relacionar columnas"),
    validate_matching,
    coerce_matching,
    score_matching,
    matching_from_form,
)
ORDERING = ItemType(
    "ordering",
    gettext_lazy("Ordenar"),
    validate_ordering,
    coerce_ordering,
    score_ordering,
    ordering_from_form,
)
