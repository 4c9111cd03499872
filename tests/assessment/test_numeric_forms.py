"""Numeric answers as students write them: the issue's forms, and any equivalent form of
the key scoring as the key (per the item's rules)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from impulsa.assessment.itemtypes import score, validate_body, warnings
from impulsa.core.errors import DomainError

NOTE_SIMPLIFY = "Correcto; la fracción se puede simplificar: {}."
NUMBER_ONLY = "Aquí basta con el número: la unidad no se califica."


def _item(value, units=(), **settings):
    return validate_body(
        "numeric",
        {
            "answers": [{"value": value}],
            "units": [{"unit": name, "multiplier": factor} for name, factor in units],
            **settings,
        },
    )


CM2 = _item("50.24", [("cm²", "1")])
TABLE = [
    # (item, typed, credit, feedback)
    (CM2, "50.24 cm²", "1", []),
    (CM2, "50.24 cm2", "1", []),
    (CM2, "50.24 cm^2", "1", []),
    (CM2, "50.24", "1", []),
    (_item("35", [("cm2", "1")]), "35 cm²", "1", []),
    (_item("13.2", [("m²", "1")]), "13.2 m²", "1", []),
    (_item("13.2", [("m²", "1")]), "132000 cm²", "0", ["Escribe el resultado en m²."]),
    (_item("13.2", [("m²", "1")], convert_units=True), "132000 cm²", "1", []),
    (_item("32", [("cm", "1")]), "32 cm", "1", []),
    (
        _item("32", [("cm", "1")]),
        "32 kg",
        "0",
        ["La unidad kg no corresponde: escribe el resultado en cm."],
    ),
    (_item("8", [("°C", "1")]), "8 °C", "1", []),
    (_item("8", [("°C", "1")]), "8 ºC", "1", []),
    (_item("35", [("pesos", "1")]), "$35", "1", []),
    (_item("35", [("pesos", "1")]), "35 pesos", "1", []),
    (_item("0.375"), "3/8", "1", []),
    (_item("0.65"), "26/40", "1", [NOTE_SIMPLIFY.format("13/20")]),
    (_item("0.75"), "6/8", "1", [NOTE_SIMPLIFY.format("3/4")]),
    (_item("0.75", unsimplified_credit="0.5"), "6/8", "0.5", ["Simplifica tu resultado."]),
    (_item("0.75", unsimplified_credit="0"), "6/8", "0", ["Simplifica tu resultado."]),
    (_item("0.75", unsimplified_credit="0"), "3/4", "1", []),
    (_item("1.75"), "1 3/4", "1", []),
    (_item("-1.75"), "-1 3/4", "1", []),
    (_item("35", [("%", "1")]), "35 %", "1", []),
    (_item("35", [("%", "1")]), "35%", "1", []),
    (_item("35"), "35 %", "1", [NUMBER_ONLY]),
    (_item("50.24"), "50.24 cm²", "1", [NUMBER_ONLY]),
    (_item("1200"), "1,200", "1", []),
    (_item("1200"), "1 200", "1", []),
    (_item("1200.5"), "1,200.5", "1", []),
    (_item("3.5"), "3,5", "1", []),
    (_item("0.125"), "0,125", "1", []),
    (_item("1.2"), "1,200", "0", []),
    (_item("2"), "−2", "0", []),
    (_item("-2"), "−2", "1", []),
    (_item("2"), "2 zz", "0", ["Unidad desconocida: zz."]),
    (_item("0.75"), "3/0", "0", ["La respuesta no es un número."]),
    (_item("1.2"), "1.200,5", "0", ["La respuesta no es un número."]),
]


@pytest.mark.parametrize(("body", "typed", "credit", "feedback"), TABLE)
def test_the_forms_students_write_score_as_a_teacher_would(body, typed, credit, feedback):
    result = score("numeric", body, typed)
    assert result.fraction == Decimal(credit)
    assert result.feedback == feedback


def test_new_settings_are_checked_with_spanish_messages():
    with pytest.raises(DomainError, match="Convertir unidades necesita al menos una unidad"):
        _item("1", convert_units=True)
    with pytest.raises(DomainError, match="fracción sin simplificar debe valer entre"):
        _item("1", unsimplified_credit="2")
    with pytest.raises(DomainError, match="son la misma"):
        _item("1", [("cm²", "1"), ("cm2", "10")])


def test_settings_at_their_default_are_not_written_into_the_body():
    body = _item("1", [("cm", "1")], convert_units=False, unsimplified_credit="1")
    assert body == _item("1", [("cm", "1")])
    assert "convert_units" not in body and "unsimplified_credit" not in body


def test_multipliers_that_disagree_with_the_unit_table_are_a_warning():
    body = {
        "answers": [{"value": "1"}],
        "units": [{"unit": "m", "multiplier": "1"}, {"unit": "cm", "multiplier": "10"}],
    }
    assert warnings("numeric", body) == ["Un m son 100 cm, no 10: revisa el multiplicador."]


# Keys with at most three decimals, so every written form below is exact.
keys = st.decimals(min_value=Decimal("0.001"), max_value=99999, places=3)


def _point(number: Decimal) -> str:
    return format(number, "f")


def _comma(number: Decimal) -> str:
    whole, _dot, decimals = _point(number).partition(".")
    decimals = decimals.rstrip("0") or "0"
    # "1,500" would read as thousands: a decimal comma is written with fewer digits.
    return f"{whole},{decimals}" if len(decimals) < 3 or whole == "0" else _point(number)


def _grouped(number: Decimal, separator: str) -> str:
    whole, dot, decimals = _point(number).partition(".")
    grouped = f"{int(whole):,}".replace(",", separator)
    return grouped + dot + decimals


def _fractions(number: Decimal, scale: int) -> list[str]:
    exact = Fraction(number)
    forms = [f"{exact.numerator * scale}/{exact.denominator * scale}"]
    whole, rest = divmod(exact.numerator, exact.denominator)
    if whole and rest:
        forms.append(f"{whole} {rest * scale}/{exact.denominator * scale}")
    return forms


@given(keys, st.integers(1, 5))
def test_any_equivalent_form_of_the_key_scores_as_the_key(key, scale):
    body = _item(str(key))
    forms = [
        _point(key),
        _comma(key),
        _grouped(key, ","),
        _grouped(key, " "),
        *_fractions(key, scale),
    ]
    for typed in forms:
        assert score("numeric", body, typed).correct, typed


@given(keys, st.sampled_from(["cm²", "cm2", "cm^2", "CM2", "centímetros cuadrados"]))
def test_any_spelling_of_the_declared_unit_scores_as_the_key(key, spelling):
    body = _item(str(key), [("cm²", "1")], unit_required=True)
    assert score("numeric", body, f"{_point(key)} {spelling}").correct
    assert score("numeric", body, f"{_point(key)}{spelling}").correct


@given(keys, st.sampled_from([("m²", -4), ("mm²", 2)]))
def test_a_converted_unit_scores_as_the_key_only_when_the_item_allows_it(key, other):
    unit, power_of_ten = other  # how many of `unit` make one cm², as a power of ten
    typed = f"{_point(key.scaleb(power_of_ten))} {unit}"
    assert score("numeric", _item(str(key), [("cm²", "1")], convert_units=True), typed).correct
    assert score("numeric", _item(str(key), [("cm²", "1")]), typed).fraction == 0


@given(keys, keys)
def test_an_unrelated_number_does_not_score(key, other):
    if other == key:
        return
    body = _item(str(key))
    for typed in (_point(other), _comma(other), *_fractions(other, 2)):
        assert score("numeric", body, typed).fraction == 0, typed
