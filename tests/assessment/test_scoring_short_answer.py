"""Scoring of short answers: accents, case and spacing do not count; regex answers."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from impulsa.assessment.itemtypes import score, validate_body
from impulsa.assessment.itemtypes.normalize import normalize_answer

TREE = validate_body(
    "short_answer",
    {
        "answers": [
            {"text": "árbol", "fraction": "1", "feedback": "Correcto"},
            {"text": "arbus.*", "fraction": "0.5", "regex": True, "feedback": "Casi"},
        ]
    },
)


def test_accents_case_and_surrounding_spaces_are_ignored():
    assert score("short_answer", TREE, "  ÁRBOL ").correct
    assert score("short_answer", TREE, "arbol").correct


def test_inner_duplicate_spaces_are_ignored():
    body = validate_body("short_answer", {"answers": [{"text": "Benito Juárez"}]})
    assert score("short_answer", body, "benito    juarez").correct
    assert not score("short_answer", body, "benitojuarez").correct


def test_case_sensitive_answers_compare_case():
    body = validate_body("short_answer", {"answers": [{"text": "NaCl"}], "case_sensitive": True})
    assert score("short_answer", body, "NaCl").correct
    assert score("short_answer", body, "nacl").fraction == 0


def test_regex_answers_fullmatch_the_normalized_response():
    result = score("short_answer", TREE, "Arbusto")
    assert result.fraction == Decimal("0.5") and result.feedback == ["Casi"]
    assert score("short_answer", TREE, "un arbusto").fraction == 0


def test_regex_with_accents_matches_responses_with_or_without_them():
    body = validate_body("short_answer", {"answers": [{"text": "canci[óo]n(es)?", "regex": True}]})
    assert score("short_answer", body, "Canción").correct
    assert score("short_answer", body, "canciones").correct


def test_empty_response_scores_zero():
    assert score("short_answer", TREE, "").fraction == 0
    assert score("short_answer", TREE, "   ").fraction == 0


WORD = st.text("abcdefghijklmnopqrstuvwxyzáéíóúüñ", min_size=1, max_size=12)


@given(WORD, st.data())
def test_any_casing_and_spacing_of_the_answer_matches(word, data):
    body = validate_body("short_answer", {"answers": [{"text": word}]})
    cased = "".join(data.draw(st.sampled_from([c, c.upper()])) for c in word)
    padded = (
        data.draw(st.sampled_from(["", " ", "\t", "  "]))
        + cased
        + data.draw(st.sampled_from(["", " ", "\n"]))
    )
    assert score("short_answer", body, padded).correct


@given(st.text(max_size=30))
def test_normalizing_twice_changes_nothing(text):
    once = normalize_answer(text)
    assert normalize_answer(once) == once


def test_accents_do_not_count_but_the_enie_does():
    body = validate_body("short_answer", {"answers": [{"text": "año"}]})
    assert score("short_answer", body, "AÑO").correct
    assert not score("short_answer", body, "ano").correct
    pinguino = validate_body("short_answer", {"answers": [{"text": "pingüino"}]})
    assert score("short_answer", pinguino, "Pinguino").correct


def test_a_catastrophic_pattern_gives_up_instead_of_hanging():
    body = validate_body("short_answer", {"answers": [{"text": "(a+)+b", "regex": True}]})
    assert score("short_answer", body, "a" * 60).fraction == 0
