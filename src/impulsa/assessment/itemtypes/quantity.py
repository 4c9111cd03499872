"""Reading a number as a student types it, exactly (fractions.Fraction), with the unit
text that follows it.

What is read:
- a decimal point or a decimal comma: "3.5", "3,5", ",5"; an exponent "1.2e3";
- thousands separators, a comma or a space between groups of three digits: "1,200",
  "12,345,678.5", "1 200", "1 200,5";
- a fraction or a mixed number: "3/8", "26/40", "1 3/4", "-1 3/4";
- a sign, with the unicode minus too ("−2"); "$" before the number ("$35", "-$35");
- whatever follows the number is its unit text ("35 %", "50.24 cm²").

The comma rule (Mexico writes "1,200" for one thousand two hundred): a comma followed by
exactly three digits, after one to three digits that do not start with 0, and with no
decimal comma after it, separates thousands: "1,200" is 1200 and "12,345" is 12345. Any
other comma is a decimal comma: "3,5" is 3.5, "0,125" is 0.125, "1234,5" is 1234.5. A
decimal point is always a decimal point ("1.200" is 1.2), so "1.200,5" is not a number.
A space separates thousands only between groups of three digits ("1 200"); "1 3/4" is a
mixed number.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from impulsa.assessment.itemtypes.values import MAX_EXPONENT

MINUSES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " "})
# Each part of a fraction has at most this many digits: enough for any school answer,
# small enough that exact arithmetic stays cheap.
MAX_FRACTION_DIGITS = MAX_EXPONENT

_FRACTION = r"(?:(?P<whole>\d+) +)?(?P<num>\d+) *\/ *(?P<den>\d+)"
_COMMA_GROUPED = r"(?P<cg>[1-9]\d{0,2}(?:,\d{3})+)(?P<cgd>\.\d+)?"
_SPACE_GROUPED = r"(?P<sg>[1-9]\d{0,2}(?: \d{3})+)(?P<sgd>[.,]\d+)?"
_PLAIN = r"(?P<plain>(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?)"
# The alternatives are tried in order; a number must not run on into a digit.
QUANTITY = re.compile(
    rf"(?P<sign>[+-]?) *(?P<dollar>\$?) *(?:{_FRACTION}|{_COMMA_GROUPED}|{_SPACE_GROUPED}|{_PLAIN})"
    r"(?![\d,.])(?P<unit>.*)",
    re.DOTALL,
)


@dataclass(frozen=True)
class Quantity:
    value: Fraction
    unit: str  # "" when none was typed; "$" when the number came after a "$"
    # Written as a fraction whose numerator and denominator share a factor ("26/40").
    reducible: bool = False


def read_quantity(text: str) -> Quantity | None:
    """The value and unit text of what a student typed, or None when it is not a number
    (or a number beyond the bounds: exponents past MAX_EXPONENT, huge fractions)."""
    match = QUANTITY.fullmatch(text.translate(MINUSES).strip())
    if not match:
        return None
    read = _fraction(match) if match["den"] else _decimal(match)
    if read is None:
        return None
    value, reducible = read
    if match["sign"] == "-":
        value = -value
    unit = match["unit"].strip()
    if match["dollar"]:
        if unit:
            return None  # "$35 pesos": one unit only
        unit = "$"
    return Quantity(value, unit, reducible)


def _fraction(match: re.Match) -> tuple[Fraction, bool] | None:
    parts = [match[name] or "0" for name in ("whole", "num", "den")]
    if any(len(part.lstrip("0")) > MAX_FRACTION_DIGITS for part in parts):
        return None
    whole, numerator, denominator = (int(part) for part in parts)
    if denominator == 0:
        return None
    reducible = Fraction(numerator, denominator).denominator != denominator
    return whole + Fraction(numerator, denominator), reducible


def _decimal(match: re.Match) -> tuple[Fraction, bool] | None:
    if match["cg"]:
        digits = match["cg"].replace(",", "") + (match["cgd"] or "")
    elif match["sg"]:
        digits = match["sg"].replace(" ", "") + (match["sgd"] or "").replace(",", ".")
    else:
        digits = match["plain"].replace(",", ".")
    number = Decimal(digits)
    if number and abs(number.adjusted()) > MAX_EXPONENT:
        return None
    return Fraction(number), False
