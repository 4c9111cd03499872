"""How a numeric item reads a student's answer: units, fractions, the item's settings.

The unit rule, which the builder shows the author:
- Units declared (Moodle's semantics: the first is the base, multiplier 1; a value in
  another unit is base × multiplier): the unit is accepted, optional unless
  `unit_required`. Any spelling the unit table knows counts as the declared unit ("cm2"
  for "cm²"). Another unit of the same family (m for cm) is converted only when the item
  says `convert_units`; otherwise the student is told which unit to write.
- No units: the item is "number only" (its stem says to write only the number). A unit
  the table knows typed after the number is not a reason to score 0: the number is
  scored and a note says that only the number counts. An unknown unit scores 0.

Fractions: "3/8" and "1 3/4" are values. A fraction that can be simplified ("26/40")
earns the matched answer's credit × `unsimplified_credit` (default 1: full credit with
a note that it can be simplified; less: "Simplifica tu resultado").

New settings are written into the body only when they differ from their default, so an
item saved before them keeps an identical body (no new version when edited unchanged).
"""

from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impulsa.assessment.itemtypes import units as table
from impulsa.assessment.itemtypes.outcome import ONE, ZERO, Outcome, outcome
from impulsa.assessment.itemtypes.quantity import read_quantity
from impulsa.assessment.itemtypes.values import flag_field, fraction_field
from impulsa.core.errors import DomainError

# The builder's help shows it too, so it is one text.
SEPARATORS_RULE = gettext_lazy(
    "Decimales con punto o coma (3.5 o 3,5). Una coma seguida de exactamente tres cifras "
    "separa miles, como se escribe en México: 1,200 es mil doscientos; 0,125 y 3,5 son "
    "decimales. También se aceptan miles con espacio (1 200)."
)


def validate_settings(body: dict, units: list[dict]) -> dict:
    """The validated new settings (only those not at their default)."""
    _refuse_same_unit_twice(units)
    settings = {}
    if flag_field(body, "convert_units", False, _("Convertir unidades")):
        if not units:
            raise DomainError(_("Convertir unidades necesita al menos una unidad."))
        settings["convert_units"] = True
    credit = fraction_field(
        body.get("unsimplified_credit", "1"), _("El crédito de una fracción sin simplificar")
    )
    if Decimal(credit) != ONE:
        settings["unsimplified_credit"] = credit
    return settings


def _refuse_same_unit_twice(units: list[dict]) -> None:
    """ "cm2" and "cm²" are one unit: with different multipliers the second never applies."""
    for later, unit in enumerate(units[1:], 2):
        for earlier, other in enumerate(units[: later - 1], 1):
            if table.same_unit(unit["unit"], other["unit"]) and Decimal(
                unit["multiplier"]
            ) != Decimal(other["multiplier"]):
                raise DomainError(
                    _(
                        "Las unidades %(a)s y %(b)s son la misma (%(unit)s) con distinto "
                        "multiplicador: deja una sola."
                    )
                    % {"a": earlier, "b": later, "unit": other["unit"]}
                )


def score(body: dict, response: str) -> Outcome:
    read = read_quantity(response)
    if read is None or read.unit[:1] in tuple("0123456789.,/"):
        return outcome(ZERO, [_("La respuesta no es un número.")])
    to_base, notes = _to_base(body, read.unit)
    if to_base is None:
        return outcome(ZERO, notes)
    value = read.value * to_base
    within = [
        answer
        for answer in body["answers"]
        if abs(value - Fraction(Decimal(answer["value"]))) <= Fraction(Decimal(answer["tolerance"]))
    ]
    if not within:
        return outcome(ZERO, notes)
    best = max(within, key=lambda answer: Decimal(answer["fraction"]))
    credit = Decimal(best["fraction"])
    if read.reducible and credit > 0:
        factor = Decimal(body.get("unsimplified_credit", "1"))
        credit *= factor
        notes.append(_simplify_note(read.value, factor))
    return outcome(credit, [best["feedback"], *notes])


def _simplify_note(value: Fraction, factor: Decimal) -> str:
    if factor < ONE:
        return _("Simplifica tu resultado.")
    return _("Correcto; la fracción se puede simplificar: %(simple)s.") % {"simple": str(value)}


def _to_base(body: dict, typed: str) -> tuple[Fraction | None, list[str]]:
    """What turns the typed number into the base unit's, and notes for the student;
    None (with the reason) when the unit makes the answer wrong."""
    declared = body["units"]
    if not typed:
        if body["unit_required"]:
            return None, [_("Falta la unidad.")]
        return Fraction(1), []
    if not declared:
        if table.find_unit(typed) is not None:
            return Fraction(1), [_("Aquí basta con el número: la unidad no se califica.")]
        return None, [_("Unidad desconocida: %(unit)s.") % {"unit": typed}]
    for unit in declared:
        if table.same_unit(typed, unit["unit"]):
            return 1 / Fraction(Decimal(unit["multiplier"])), []
    base = declared[0]["unit"]
    factor = table.conversion(typed, base)
    if factor is not None and body.get("convert_units", False):
        return factor, []
    known = table.find_unit(typed)
    if known is None:
        return None, [_("Unidad desconocida: %(unit)s.") % {"unit": typed}]
    if factor is not None:
        return None, [_("Escribe el resultado en %(unit)s.") % {"unit": base}]
    return None, [
        _("La unidad %(typed)s no corresponde: escribe el resultado en %(unit)s.")
        % {"typed": typed, "unit": base}
    ]


def warnings(body: dict) -> list[str]:
    """Declared multipliers that disagree with the unit table (m = 1, cm = 10), and a
    conversion setting the table cannot honour."""
    notes = []
    units = body["units"]
    if units and body.get("convert_units") and table.find_unit(units[0]["unit"]) is None:
        notes.append(
            _("No se pueden convertir unidades a %(unit)s: no es una unidad conocida.")
            % {"unit": units[0]["unit"]}
        )
    for unit in units[1:]:
        expected = table.conversion(units[0]["unit"], unit["unit"])
        if expected is not None and expected != Fraction(Decimal(unit["multiplier"])):
            notes.append(
                _("Un %(base)s son %(expected)s %(unit)s, no %(given)s: revisa el multiplicador.")
                % {
                    "base": units[0]["unit"],
                    "expected": _plain(expected),
                    "unit": unit["unit"],
                    "given": unit["multiplier"],
                }
            )
    return notes


def _plain(number: Fraction) -> str:
    if number.denominator == 1:
        return str(number.numerator)
    return format(Decimal(number.numerator) / Decimal(number.denominator), "f")


def describe(body: dict) -> list[str]:
    """The item's reading rules in the author's words (the builder's preview shows them)."""
    rules = [_unit_rule(body)]
    credit = Decimal(body.get("unsimplified_credit", "1"))
    if credit == ONE:
        rules.append(
            _(
                "Fracciones y números mixtos (3/8, 1 3/4) valen; una fracción sin simplificar "
                "(26/40) recibe el crédito completo con una nota."
            )
        )
    else:
        rules.append(
            _(
                "Fracciones y números mixtos (3/8, 1 3/4) valen; una fracción sin simplificar "
                "(26/40) recibe el %(credit)s %% del crédito y el mensaje «Simplifica tu "
                "resultado»."
            )
            % {"credit": _plain(Fraction(credit) * 100)}
        )
    rules.append(str(SEPARATORS_RULE))
    return rules


def _unit_rule(body: dict) -> str:
    units = body["units"]
    if not units:
        return _(
            "Solo el número: el enunciado debe pedir escribir solo el número. Si el alumno "
            "agrega una unidad conocida, se califica el número y se le avisa."
        )
    names = ", ".join(unit["unit"] for unit in units)
    known = table.find_unit(units[0]["unit"])
    spellings = ", ".join(table.SPELLINGS[known][:3]) if known else ""
    rule = (
        _("Unidades: %(names)s (obligatoria).")
        if body["unit_required"]
        else _("Unidades: %(names)s (opcional: el número solo también vale).")
    ) % {"names": names}
    if spellings:
        rule += " " + _("También se reconoce escrita como %(spellings)s.") % {
            "spellings": spellings
        }
    if body.get("convert_units"):
        return rule + " " + _("Otras unidades de la misma magnitud se convierten.")
    return rule + " " + _("Otras unidades de la misma magnitud no se convierten.")
