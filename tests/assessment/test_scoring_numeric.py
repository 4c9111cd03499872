"""Scoring of numeric items: tolerance, comma decimals and units."""

import re
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from impulsa.assessment.itemtypes import score, validate_body
from impulsa.assessment.itemtypes.quantity import read_quantity

LENGTH = validate_body(
    "numeric",
    {
        "answers": [
            {"value": "3.5", "tolerance": "0.1", "fraction": "1", "feedback": "Exacto"},
            {"value": "3", "tolerance": "1", "fraction": "0.5", "feedback": "Casi"},
        ],
        "units": [{"unit": "cm", "multiplier": "1"}, {"unit": "mm", "multiplier": "10"}],
    },
)


def test_comma_decimal_separator_is_accepted():
    assert score("numeric", LENGTH, "3,5").correct
    assert score("numeric", LENGTH, " 3.5 ").correct


def test_value_in_another_unit_is_divided_by_its_multiplier():
    assert score("numeric", LENGTH, "35 mm").correct
    assert score("numeric", LENGTH, "35mm").correct
    assert score("numeric", LENGTH, "3.5 cm").correct


def test_best_matching_answer_gives_the_credit_and_feedback():
    result = score("numeric", LENGTH, "2.6")
    assert result.fraction == Decimal("0.5") and result.feedback == ["Casi"]
    assert score("numeric", LENGTH, "3.45").feedback == ["Exacto"]


def test_unknown_unit_scores_zero_and_says_so():
    result = score("numeric", LENGTH, "3.5 zz")
    assert result.fraction == 0 and result.feedback == ["Unidad desconocida: zz."]


def test_a_known_unit_the_item_does_not_declare_says_which_unit_to_write():
    result = score("numeric", LENGTH, "0.035 m")
    assert result.fraction == 0 and result.feedback == ["Escribe el resultado en cm."]


def test_missing_required_unit_scores_zero_and_says_so():
    body = validate_body("numeric", {**LENGTH, "unit_required": True})
    assert score("numeric", body, "3.5").feedback == ["Falta la unidad."]
    assert score("numeric", body, "3.5").fraction == 0
    assert score("numeric", body, "35 mm").correct


def test_text_that_is_not_a_number_scores_zero():
    for typed in ("", "tres", "3.5.1", "--3", "1e99999"):
        assert score("numeric", LENGTH, typed).fraction == 0


def test_a_number_only_item_scores_the_number_of_an_answer_with_a_known_unit():
    body = validate_body("numeric", {"answers": [{"value": "2"}]})
    assert score("numeric", body, "2").correct
    assert score("numeric", body, "2 kg").correct
    assert score("numeric", body, "2 kg").feedback == [
        "Aquí basta con el número: la unidad no se califica."
    ]
    assert score("numeric", body, "2 zz").fraction == 0


@given(
    st.decimals(min_value=-(10**6), max_value=10**6, places=4),
    st.decimals(min_value=0, max_value=100, places=4),
    st.booleans(),
)
def test_tolerance_boundary_is_inclusive_and_just_past_it_fails(value, tolerance, above):
    body = validate_body(
        "numeric", {"answers": [{"value": str(value), "tolerance": str(tolerance)}]}
    )
    sign = 1 if above else -1
    edge = value + sign * tolerance
    assert score("numeric", body, str(edge)).correct
    assert score("numeric", body, str(edge + sign * Decimal("0.00001"))).fraction == 0


THOUSANDS_SHAPE = re.compile(r"-?[1-9]\d{0,2},\d{3}")


@given(st.decimals(min_value=-(10**6), max_value=10**6, places=3))
def test_a_decimal_comma_reads_as_a_point_unless_it_separates_thousands(number):
    with_comma = str(number).replace(".", ",")
    expected = number * 1000 if THOUSANDS_SHAPE.fullmatch(with_comma) else number
    assert read_quantity(with_comma).value == Fraction(expected)
    assert read_quantity(str(number)).value == Fraction(number)


EIGHTHS = validate_body("numeric", {"answers": [{"value": "0.375"}]})


@given(st.sampled_from(["3/8", "3 / 8", "3/ 8", "6/16", "0 3/8", "−3/−8"]))
def test_a_fraction_is_a_value_not_a_unit(typed):
    outcome = score("numeric", EIGHTHS, typed)
    if typed.startswith("−"):
        assert outcome.fraction == 0  # a sign belongs before the fraction
    else:
        assert outcome.correct
    assert not any("Unidad desconocida" in text for text in outcome.feedback)


def test_a_fraction_in_a_cloze_numeric_gap_is_a_value_too():
    body = validate_body("cloze", {"text": "{1}", "gaps": [{"type": "numeric", "body": EIGHTHS}]})
    assert score("cloze", body, ["3/8"]).correct


def test_a_unit_with_a_slash_is_still_an_unknown_unit():
    assert score("numeric", EIGHTHS, "3 m/s").feedback == ["Unidad desconocida: m/s."]
