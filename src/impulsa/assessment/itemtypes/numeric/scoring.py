"""Numeric items: a typed number (comma or point decimals) with tolerance and optional units."""

import re
from decimal import Decimal, InvalidOperation, localcontext

from django.utils.translation import gettext as _

from impulsa.assessment.itemtypes.outcome import ONE, ZERO, best_match, outcome
from impulsa.assessment.itemtypes.values import (
    MAX_EXPONENT,
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

NUMBER = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*)", re.DOTALL)
FRACTION = re.compile(r"\d\s*/\s*[+-]?\d")
MAX_RESPONSE_LENGTH = 100
# Enough digits that value +- tolerance is exact across the allowed exponent range.
PRECISION = 4 * MAX_EXPONENT


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
    return {"answers": answers, "units": units, "unit_required": unit_required}


def _units(body: dict) -> list[dict]:
    units = []
    for number, entry in enumerate(list_field(body, "units", _("La lista de unidades")), 1):
        what = _("La unidad %(n)s") % {"n": number}
        entry = dict_entry(entry, what)
        name = text_field(entry.get("unit"), what, required=True)
        if NUMBER.fullmatch(name) or name[0] in "+-.,":
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


def read_number(text: str) -> tuple[Decimal, str] | None:
    """(number, unit text) from what a student typed, accepting "3,5" for 3.5; None if no number."""
    text = text.strip().replace("\u2212", "-")
    if "," in text and "." not in text:
        text = text.replace(",", ".", 1)
    match = NUMBER.fullmatch(text)
    if not match:
        return None
    try:
        number = Decimal(match[1])
    except InvalidOperation:
        return None
    if number and abs(number.adjusted()) > MAX_EXPONENT:
        return None
    return number, match[2].strip()


def coerce(body: dict, value) -> str:
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise invalid_response(_("se esperaba un número escrito."))
    if len(value) > MAX_RESPONSE_LENGTH:
        raise invalid_response(_("el texto es demasiado largo."))
    return value.strip()


def score(body: dict, response: str):
    read = read_number(response)
    if read is None:
        return outcome(ZERO, [_("La respuesta no es un número.")])
    number, unit = read
    multipliers = {entry["unit"]: Decimal(entry["multiplier"]) for entry in body["units"]}
    if not unit:
        if body["unit_required"]:
            return outcome(ZERO, [_("Falta la unidad.")])
        multiplier = ONE
    elif unit in multipliers:
        multiplier = multipliers[unit]
    elif FRACTION.search(response):
        # "3/8" reads as 3 with unit "/8"; say what the student can type instead.
        return outcome(
            ZERO,
            [
                _(
                    "Escribe el resultado como número decimal (por ejemplo, 0.375 en lugar "
                    "de 3/8): las fracciones no se aceptan aquí."
                )
            ],
        )
    else:
        return outcome(ZERO, [_("Unidad desconocida: %(unit)s.") % {"unit": unit}])
    with localcontext() as context:
        context.prec = PRECISION
        value = number / multiplier
        within = [
            answer
            for answer in body["answers"]
            if abs(value - Decimal(answer["value"])) <= Decimal(answer["tolerance"])
        ]
    return best_match(within)


def from_form(body: dict, data, prefix: str):
    value = data.get(f"{prefix}answer")
    return None if blank(value) else coerce(body, value)
