"""The units students write after a number: their common spellings and the conversions
within a family (length, area, volume, mass, time).

A unit the table knows is recognised however it is typed: "cm²", "cm2", "cm^2",
"CM2" and "centímetros cuadrados" are one unit; "°C" and "ºC" (the ordinal sign many
keyboards give) too; "$", "peso" and "pesos" are the peso. Units outside the table
("manzanas", "m/s") are compared as the author spelled them, ignoring spaces and case.

Temperature, angle, money and percent have no conversions: °C to °F is not a factor,
and a percent is a number the stem asked for, not 1/100 of something.
"""

import unicodedata
from dataclasses import dataclass
from fractions import Fraction

from impulsa.assessment.itemtypes.normalize import strip_accents


@dataclass(frozen=True)
class Unit:
    symbol: str  # the spelling we show
    family: str
    factor: Fraction | None  # in the family's reference unit; None: no conversion


def unit_key(text: str) -> str:
    """The form in which unit spellings are compared: "cm^2", "cm²", "CM 2" -> "cm2"."""
    text = text.replace("º", "°").replace("˚", "°")
    # NFKC turns superscript digits into digits ("²" -> "2") and fullwidth forms into ASCII.
    text = unicodedata.normalize("NFKC", text).replace("^", "")
    return strip_accents("".join(text.split())).casefold()


_LENGTHS = {
    "mm": (Fraction(1, 1000), "milímetro"),
    "cm": (Fraction(1, 100), "centímetro"),
    "dm": (Fraction(1, 10), "decímetro"),
    "m": (Fraction(1), "metro"),
    "km": (Fraction(1000), "kilómetro"),
}
_POWERS = {
    1: ("length", "", "", ""),
    2: ("area", "²", "2", " cuadrado"),
    3: ("volume", "³", "3", " cúbico"),
}


def _metric_units() -> list[tuple[Unit, tuple[str, ...]]]:
    table = []
    for power, (family, sup, digit, word) in _POWERS.items():
        for symbol, (factor, name) in _LENGTHS.items():
            spellings = (
                symbol + digit,
                f"{name}{word}",
                f"{name}s{word}{'s' if word else ''}",
            )
            table.append((Unit(symbol + sup, family, factor**power), spellings))
    return table


_OTHER_UNITS = [
    (Unit("mL", "volume", Fraction(1, 10**6)), ("ml", "mililitro", "mililitros")),
    (Unit("L", "volume", Fraction(1, 1000)), ("l", "lt", "litro", "litros")),
    (Unit("mg", "mass", Fraction(1, 1000)), ("mg", "miligramo", "miligramos")),
    (Unit("g", "mass", Fraction(1)), ("g", "gr", "gramo", "gramos")),
    (Unit("kg", "mass", Fraction(1000)), ("kg", "kilo", "kilos", "kilogramo", "kilogramos")),
    (Unit("t", "mass", Fraction(10**6)), ("t", "ton", "tonelada", "toneladas")),
    (Unit("s", "time", Fraction(1)), ("s", "seg", "segundo", "segundos")),
    (Unit("min", "time", Fraction(60)), ("min", "minuto", "minutos")),
    (Unit("h", "time", Fraction(3600)), ("h", "hr", "hora", "horas")),
    (Unit("día", "time", Fraction(86400)), ("dia", "dias")),
    (Unit("°C", "temperature", None), ("°c", "grado celsius", "grados celsius")),
    (Unit("°F", "temperature", None), ("°f", "grados fahrenheit")),
    (Unit("°", "angle", None), ("°", "grado", "grados")),
    (Unit("$", "money", None), ("$", "peso", "pesos", "mxn")),
    (Unit("%", "percent", None), ("%", "por ciento", "porciento")),
]

_TABLE = [*_metric_units(), *_OTHER_UNITS]
UNITS: dict[str, Unit] = {
    unit_key(spelling): unit for unit, spellings in _TABLE for spelling in (unit.symbol, *spellings)
}
SPELLINGS: dict[Unit, tuple[str, ...]] = dict(_TABLE)


def find_unit(text: str) -> Unit | None:
    """The table's unit for a spelling, or None when the table does not know it."""
    return UNITS.get(unit_key(text))


def same_unit(typed: str, declared: str) -> bool:
    """Whether a student's unit is the author's: one unit of the table, or the same text."""
    known = find_unit(declared)
    if known is not None:
        return find_unit(typed) == known
    return unit_key(typed) == unit_key(declared)


def conversion(typed: str, declared: str) -> Fraction | None:
    """How many `declared` one `typed` is ("m" to "cm": 100), or None when the two are
    not convertible units of one family."""
    source, target = find_unit(typed), find_unit(declared)
    if source is None or target is None or source.family != target.family:
        return None
    if source.factor is None or target.factor is None:
        return None
    return source.factor / target.factor
