"""Scoring of matching and ordering items."""

import itertools
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from impulsa.assessment.itemtypes import right_options, score, validate_body
from tests.assessment.strategies import matching_bodies, ordering_bodies

ANIMALS = validate_body(
    "matching",
    {
        "pairs": [
            {"left": "perro", "right": "guau"},
            {"left": "gato", "right": "miau"},
            {"left": "gatito", "right": "miau"},
        ],
        "distractors": ["muu"],
    },
)


def test_right_options_are_distinct_rights_in_order_then_distractors():
    assert right_options(ANIMALS) == ["guau", "miau", "muu"]


def test_matching_credit_is_the_share_of_lefts_matched_right():
    assert score("matching", ANIMALS, [0, 1, 1]).correct
    assert score("matching", ANIMALS, [0, 2, None]).fraction == Decimal("0.3333")
    assert score("matching", ANIMALS, [None, None, None]).fraction == 0


def test_matching_with_a_wrong_number_of_entries_scores_zero():
    assert score("matching", ANIMALS, [0, 1]).fraction == 0


@given(matching_bodies())
def test_matching_all_correct_scores_one(body):
    body = validate_body("matching", body)
    options = right_options(body)
    assert score("matching", body, [options.index(p["right"]) for p in body["pairs"]]).correct


@given(ordering_bodies())
def test_ordering_identity_scores_one_and_reversed_scores_zero(body):
    body = validate_body("ordering", body)
    size = len(body["items"])
    assert score("ordering", body, list(range(size))).correct
    assert score("ordering", body, list(reversed(range(size)))).fraction == 0


def test_ordering_counts_right_neighbours():
    body = validate_body("ordering", {"items": ["a", "b", "c", "d"]})
    # b,c,d,a: the pairs (b,c) and (c,d) are right; (d,a) is not.
    assert score("ordering", body, [1, 2, 3, 0]).fraction == Decimal("0.6667")


def test_ordering_that_is_not_a_permutation_scores_zero():
    body = validate_body("ordering", {"items": ["a", "b", "c"]})
    assert score("ordering", body, [0, 0, 1]).fraction == 0
    assert score("ordering", body, [0, 1]).fraction == 0


@given(ordering_bodies(), st.data())
def test_ordering_score_is_right_pairs_over_n_minus_one(body, data):
    body = validate_body("ordering", body)
    order = data.draw(st.permutations(range(len(body["items"]))))
    right = sum(1 for a, b in itertools.pairwise(order) if b == a + 1)
    expected = (Decimal(right) / (len(order) - 1)).quantize(Decimal("0.0001"))
    assert score("ordering", body, order).fraction == expected
