"""Responses built from HTML form fields and coerced from JSON values."""

import pytest
from django.http import QueryDict

from impulsa.assessment.itemtypes import coerce_response, response_from_form, validate_body
from impulsa.core.errors import DomainError

CHOICES = validate_body(
    "single_choice", {"choices": [{"text": "a", "fraction": "1"}, {"text": "b"}]}
)
MANY = validate_body(
    "multiple_choice",
    {"choices": [{"text": "a", "fraction": "0.5"}, {"text": "b", "fraction": "0.5"}]},
)
PAIRS = validate_body(
    "matching", {"pairs": [{"left": "a", "right": "1"}, {"left": "b", "right": "2"}]}
)
CLOZE = validate_body(
    "cloze",
    {
        "text": "{1} y {2}",
        "gaps": [
            {"type": "single_choice", "body": CHOICES},
            {"type": "numeric", "body": {"answers": [{"value": "2"}]}},
        ],
    },
)


def form(text: str) -> QueryDict:
    return QueryDict(text)


@pytest.mark.parametrize(
    ("item_type", "body", "fields", "expected"),
    [
        ("single_choice", CHOICES, "q-choice=1", 1),
        ("single_choice", CHOICES, "", None),
        ("multiple_choice", MANY, "q-choice=1&q-choice=0", [0, 1]),
        ("multiple_choice", MANY, "", None),
        ("true_false", {"answer": True}, "q-answer=false", False),
        ("numeric", {"answers": [{"value": "2"}]}, "q-answer=2,5", "2,5"),
        ("short_answer", {"answers": [{"text": "x"}]}, "q-answer=++", None),
        ("matching", PAIRS, "q-match-0=1&q-match-1=", [1, None]),
        ("matching", PAIRS, "q-match-0=&q-match-1=", None),
        ("ordering", {"items": ["a", "b", "c"]}, "q-order=2,0,1", [2, 0, 1]),
        ("cloze", CLOZE, "q-gap-1-choice=0&q-gap-2-answer=2", [0, "2"]),
        ("cloze", CLOZE, "q-gap-2-answer=2", [None, "2"]),
    ],
)
def test_form_fields_become_the_response_and_blanks_become_none(item_type, body, fields, expected):
    body = validate_body(item_type, body)
    assert response_from_form(item_type, body, form(fields), prefix="q-") == expected


def test_a_form_value_out_of_range_is_refused_in_spanish():
    with pytest.raises(DomainError, match=r"Respuesta no válida: la opción 3 no existe\."):
        response_from_form("single_choice", CHOICES, form("choice=2"))


@pytest.mark.parametrize(
    ("item_type", "body", "value"),
    [
        ("multiple_choice", MANY, [0, 0]),
        ("ordering", {"items": ["a", "b"]}, [0, 0]),
        ("matching", PAIRS, [0]),
        ("true_false", {"answer": True}, "sí"),
        ("short_answer", {"answers": [{"text": "x"}]}, 5),
        ("cloze", CLOZE, [0]),
    ],
)
def test_malformed_json_responses_are_refused(item_type, body, value):
    body = validate_body(item_type, body)
    with pytest.raises(DomainError, match=r"^Respuesta no válida: "):
        coerce_response(item_type, body, value)


def test_coercion_keeps_none_as_unanswered_and_sorts_multiple_choices():
    assert coerce_response("single_choice", CHOICES, None) is None
    assert coerce_response("multiple_choice", MANY, ["1", 0]) == [0, 1]
