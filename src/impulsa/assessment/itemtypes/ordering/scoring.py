"""Ordering items: put entries in sequence; credit is the share of neighbours in
the right order."""

import itertools
from decimal import Decimal

from django.utils.translation import gettext as _

from impulsa.assessment.itemtypes.outcome import outcome
from impulsa.assessment.itemtypes.values import (
    blank,
    index_value,
    invalid_response,
    list_field,
    text_field,
)
from impulsa.core.errors import DomainError


def validate(body: dict) -> dict:
    items = []
    for number, entry in enumerate(
        list_field(body, "items", _("La lista de elementos"), minimum=2), 1
    ):
        text = text_field(entry, _("El elemento %(n)s") % {"n": number}, required=True)
        if text in items:
            raise DomainError(_("El elemento %(n)s está repetido.") % {"n": number})
        items.append(text)
    return {"items": items}


def coerce(body: dict, value) -> list[int]:
    size = len(body["items"])
    if not isinstance(value, list | tuple):
        raise invalid_response(_("se esperaba el orden de los elementos."))
    order = [index_value(entry, size) for entry in value]
    if sorted(order) != list(range(size)):
        raise invalid_response(_("cada elemento debe aparecer una vez."))
    return order


def score(body: dict, response: list[int]):
    adjacent = sum(1 for first, then in itertools.pairwise(response) if then == first + 1)
    return outcome(Decimal(adjacent) / (len(response) - 1))


def from_form(body: dict, data, prefix: str):
    value = data.get(f"{prefix}order")
    if blank(value):
        return None
    return coerce(body, [part.strip() for part in value.split(",")])
