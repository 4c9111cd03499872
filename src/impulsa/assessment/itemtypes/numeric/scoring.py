"""Numeric items: a typed number with tolerance and optional units (how a typed answer
is read and scored: numeric_rules.py)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from impulsa.assessment.itemtypes import numeric_rules
from impulsa.assessment.itemtypes.outcome import ONE
from impulsa.assessment.itemtypes.values import (
    blank,
    decimal_field,
    dict_entry,
    flag_field,
    fraction_field,
    invalid_response,
    list_field,
    text_field,
)
from impulsa.core.errors import DomainError

MAX_RESPONSE_LENGTH = 100


def validate(body: dict) -> dict:
    answers = []
    for number, entry in enumerate(
        list_field(body, "answers", _("La lista de respuestas"), minimum=1), 1
    ):
        what = _("La respuesta %(n)s") % {"n": number}
        entry = dict_entry(entry, what)
        answers.append(
            {
                "value": decimal_field(entry.get("value"), what),
                "tolerance": decimal_field(
                    entry.get("tolerance", "0"),
                    _("La tolerancia de la respuesta %(n)s") % {"n": number},
                    low=0,
                ),
                "fraction": fraction_field(entry.get("fraction", "1"), what),
                "feedback": text_field(entry.get("feedback"), _("La retroalimentación")),
            }
        )
    if not any(Decimal(answer["fraction"]) == ONE for answer in answers):
        raise DomainError(_("Ninguna respuesta vale el 100 %."))
    units = _units(body)
    unit_required = flag_field(body, "unit_required", False, _("Unidad obligatoria"))
    if unit_required and not units:
        raise DomainError(_("La unidad es obligatoria pero no hay unidades."))
    return {
        "answers": answers,
        "units": units,
        "unit_required": unit_required,
        **numeric_rules.validate_settings(body, units),
    }


def _units(body: dict) -> list[dict]:
    units = []
    for number, entry in enumerate(list_field(body, "units", _("La lista de unidades")), 1):
        what = _("La unidad %(n)s") % {"n": number}
        entry = dict_entry(entry, what)
        name = text_field(entry.get("unit"), what, required=True)
        if name[0] in "0123456789+-.,/":
            raise DomainError(_("%(what)s no puede empezar con un número.") % {"what": what})
        if any(unit["unit"] == name for unit in units):
            raise DomainError(_("%(what)s está repetida.") % {"what": what})
        multiplier = decimal_field(entry.get("multiplier", "1"), what)
        if Decimal(multiplier) <= 0 or (not units and Decimal(multiplier) != ONE):
            raise DomainError(
                _(
                    "%(what)s tiene un multiplicador inválido (la primera vale 1, las demás más de 0)."
                )
                % {"what": what}
            )
        units.append({"unit": name, "multiplier": multiplier})
    return units


def coerce(body: dict, value) -> str:
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise invalid_response(_("se esperaba un número escrito."))
    if len(value) > MAX_RESPONSE_LENGTH:
        raise invalid_response(_("el texto es demasiado largo."))
    return value.strip()


def score(body: dict, response: str):
    return numeric_rules.score(body, response)


def from_form(body: dict, data, prefix: str):
    value = data.get(f"{prefix}answer")
    return None if blank(value) else coerce(body, value)
