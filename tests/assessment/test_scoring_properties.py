"""Invariants every item type's scoring keeps, over random valid items and responses."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from impulsa.assessment.itemtypes import TYPES, coerce_response, score
from impulsa.assessment.itemtypes.outcome import QUANTUM
from tests.assessment.strategies import AUTO_TYPES, bodies, key_response, responses


@st.composite
def scored(draw):
    item_type = draw(st.sampled_from(tuple(TYPES)))
    body = draw(bodies(item_type))
    return item_type, body, draw(responses(item_type, body))


@given(scored())
def test_any_response_scores_a_quantized_fraction_between_0_and_1(case):
    item_type, body, response = case
    result = score(item_type, body, response)
    assert Decimal(0) <= result.fraction <= Decimal(1)
    assert result.fraction == result.fraction.quantize(QUANTUM)
    assert result.correct == (result.fraction == 1)
    assert all(isinstance(text, str) and text for text in result.feedback)


@given(st.sampled_from(AUTO_TYPES).flatmap(lambda t: st.tuples(st.just(t), bodies(t))))
def test_the_keyed_answer_scores_full_credit(case):
    item_type, body = case
    result = score(item_type, body, key_response(item_type, body))
    assert result.fraction == 1
    assert result.correct


@given(st.sampled_from(tuple(TYPES)).flatmap(lambda t: st.tuples(st.just(t), bodies(t))))
def test_unanswered_scores_zero(case):
    item_type, body = case
    result = score(item_type, body, None)
    assert result.fraction == 0
    assert not result.correct


@given(scored())
def test_a_coerced_response_scores_like_the_raw_one(case):
    item_type, body, response = case
    assert score(item_type, body, coerce_response(item_type, body, response)) == score(
        item_type, body, response
    )


@given(
    st.sampled_from(tuple(TYPES)).flatmap(lambda t: st.tuples(st.just(t), bodies(t))),
    st.one_of(st.just({"x": 1}), st.just(-1), st.just(999), st.just([[1]]), st.just(3.5)),
)
def test_a_malformed_response_scores_zero_instead_of_failing(case, junk):
    item_type, body = case
    result = score(item_type, body, junk)
    assert 0 <= result.fraction <= 1
    if item_type not in ("numeric", "short_answer"):
        assert result.fraction == 0
