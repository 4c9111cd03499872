"""Scoring of cloze items: the weighted mean of their gaps."""

from decimal import Decimal

from impulsa.assessment.itemtypes import score, validate_body

CLOZE = validate_body(
    "cloze",
    {
        "text": "El agua hierve a {1} °C y su fórmula es {2}; la capital es {3}.",
        "gaps": [
            {
                "type": "numeric",
                "body": {"answers": [{"value": "100", "feedback": "Sí"}]},
                "weight": 2,
            },
            {"type": "short_answer", "body": {"answers": [{"text": "H2O"}]}},
            {
                "type": "single_choice",
                "body": {"choices": [{"text": "CDMX", "fraction": "1"}, {"text": "GDL"}]},
                "weight": 1,
            },
        ],
    },
)


def test_all_gaps_right_scores_one():
    assert score("cloze", CLOZE, ["100", "h2o", 0]).correct


def test_gaps_count_by_their_weight():
    assert score("cloze", CLOZE, ["100", None, None]).fraction == Decimal("0.5")
    assert score("cloze", CLOZE, [None, "H2O", 0]).fraction == Decimal("0.5")
    assert score("cloze", CLOZE, ["99", "H2O", None]).fraction == Decimal("0.25")


def test_gap_feedback_is_collected():
    assert score("cloze", CLOZE, ["100,0", None, 1]).feedback == ["Sí"]


def test_a_response_with_the_wrong_number_of_gaps_scores_zero():
    assert score("cloze", CLOZE, ["100", "H2O"]).fraction == 0
    assert score("cloze", CLOZE, "100").fraction == 0
