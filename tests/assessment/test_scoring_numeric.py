"""Scoring of numeric items: tolerance, comma decimals and units."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from impulsa.assessment.itemtypes import score, validate_body
from impulsa.assessment.itemtypes.numeric.scoring import read_number

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
    result = score("numeric", LENGTH, "3.5 km")
    assert result.fraction == 0 and result.feedback == ["Unidad desconocida: km."]


def test_missing_required_unit_scores_zero_and_says_so():
    body = validate_body("numeric", {**LENGTH, "unit_required": True})
    assert score("numeric", body, "3.5").feedback == ["Falta la unidad."]
    assert score("numeric", body, "3.5").fraction == 0
    assert score("numeric", body, "35 mm").correct


def test_text_that_is_not_a_number_scores_zero():
    for typed in ("", "tres", "3.5.1", "--3", "1e99999"):
        assert score("numeric", LENGTH, typed).fraction == 0


def test_unit_without_units_defined_is_unknown():
    body = validate_body("numeric", {"answers": [{"value": "2"}]})
    assert score("numeric", body, "2").correct
    assert score("numeric", body, "2 kg").fraction == 0


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


@given(st.decimals(min_value=-(10**6), max_value=10**6, places=3))
def test_reading_a_number_with_a_comma_equals_reading_it_with_a_point(number):
    assert read_number(str(number).replace(".", ",")) == read_number(str(number))
    assert read_number(str(number)) == (number, "")


EIGHTHS = validate_body("numeric", {"answers": [{"value": "0.375"}]})
FRACTION_HINT = "Escribe el resultado como número decimal"


@given(
    st.integers(-99, 99),
    st.integers(1, 99),
    st.sampled_from(["{a}/{b}", "{a} / {b}", "{a}/ {b}", "1 {a}/{b}"]),
)
def test_a_fraction_gets_a_message_about_fractions_not_an_unknown_unit(a, b, shape):
    outcome = score("numeric", EIGHTHS, shape.format(a=a, b=b))
    assert outcome.fraction == 0
    assert len(outcome.feedback) == 1
    assert outcome.feedback[0].startswith(FRACTION_HINT)
    assert "Unidad desconocida" not in outcome.feedback[0]


def test_a_fraction_in_a_cloze_numeric_gap_gets_the_same_message():
    body = validate_body("cloze", {"text": "{1}", "gaps": [{"type": "numeric", "body": EIGHTHS}]})
    assert score("cloze", body, ["3/8"]).feedback[0].startswith(FRACTION_HINT)


def test_a_unit_with_a_slash_is_still_an_unknown_unit():
    assert score("numeric", EIGHTHS, "3 m/s").feedback == ["Unidad desconocida: m/s."]
