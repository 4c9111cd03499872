"""Scoring of single choice, multiple choice and true/false items."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from impulsa.assessment.itemtypes import score, validate_body
from tests.assessment.strategies import multiple_choice_bodies

THIRDS = validate_body(
    "multiple_choice",
    {
        "choices": [
            {"text": "2", "fraction": "0.3333333", "feedback": "primo"},
            {"text": "3", "fraction": "0.3333333", "feedback": "primo"},
            {"text": "5", "fraction": "0.3333333", "feedback": "primo"},
            {"text": "4", "fraction": "-1", "feedback": "compuesto"},
        ]
    },
)
SINGLE = validate_body(
    "single_choice",
    {
        "choices": [
            {"text": "CDMX", "fraction": "1", "feedback": "¡Bien!"},
            {"text": "Ciudad de México", "fraction": "0.5"},
            {"text": "Monterrey", "feedback": "No."},
        ]
    },
)


def test_single_choice_gives_the_chosen_fraction_and_its_feedback():
    assert score("single_choice", SINGLE, 0).fraction == 1
    assert score("single_choice", SINGLE, 0).feedback == ["¡Bien!"]
    assert score("single_choice", SINGLE, 1).fraction == Decimal("0.5")
    assert score("single_choice", SINGLE, 2).feedback == ["No."]
    assert not score("single_choice", SINGLE, 2).correct


def test_single_choice_accepts_the_index_as_a_form_string():
    assert score("single_choice", SINGLE, "0").correct


def test_single_choice_out_of_range_or_boolean_scores_zero():
    assert score("single_choice", SINGLE, 3).fraction == 0
    assert score("single_choice", SINGLE, True).fraction == 0


def test_three_thirds_written_as_33_33333_percent_count_as_full_credit():
    result = score("multiple_choice", THIRDS, [0, 1, 2])
    assert result.fraction == 1 and result.correct


def test_multiple_choice_negative_fraction_subtracts_and_clamps_at_zero():
    assert score("multiple_choice", THIRDS, [0, 1, 2, 3]).fraction == 0
    assert score("multiple_choice", THIRDS, [3]).fraction == 0
    assert score("multiple_choice", THIRDS, [0]).fraction == Decimal("0.3333")


def test_multiple_choice_empty_list_scores_zero_and_repeated_choice_is_malformed():
    assert score("multiple_choice", THIRDS, []).fraction == 0
    assert score("multiple_choice", THIRDS, [0, 0, 1, 2]).fraction == 0


def test_multiple_choice_feedback_follows_choice_order():
    assert score("multiple_choice", THIRDS, [3, 0]).feedback == ["primo", "compuesto"]


@given(multiple_choice_bodies(), st.data())
def test_multiple_choice_score_ignores_the_order_of_the_chosen_list(body, data):
    body = validate_body("multiple_choice", body)
    chosen = data.draw(st.lists(st.integers(0, len(body["choices"]) - 1), unique=True))
    shuffled = data.draw(st.permutations(chosen))
    assert score("multiple_choice", body, chosen) == score("multiple_choice", body, shuffled)


def test_true_false_scores_what_the_student_said_with_its_feedback():
    body = validate_body(
        "true_false",
        {"answer": False, "feedback_true": "No: es falso.", "feedback_false": "Así es."},
    )
    assert score("true_false", body, False).correct
    assert score("true_false", body, False).feedback == ["Así es."]
    wrong = score("true_false", body, True)
    assert wrong.fraction == 0 and wrong.feedback == ["No: es falso."]
    assert score("true_false", body, "false").correct
