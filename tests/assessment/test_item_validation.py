"""validate_body: normalized bodies, and Spanish messages naming what is wrong."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from impulsa.assessment.itemtypes import TYPE_LABELS, TYPES, validate_body
from impulsa.core.errors import DomainError
from tests.assessment.strategies import bodies


def test_every_type_has_a_spanish_label():
    assert {code: str(label) for code, label in TYPE_LABELS.items()} == {
        "single_choice": "Opción única",
        "multiple_choice": "Opción múltiple",
        "true_false": "Verdadero o falso",
        "numeric": "Numérica",
        "short_answer": "Respuesta corta",
        "matching": "Relacionar columnas",
        "ordering": "Ordenar",
        "cloze": "Completar (cloze)",
        "essay": "Respuesta abierta",
    }


@given(st.sampled_from(tuple(TYPES)).flatmap(lambda t: st.tuples(st.just(t), bodies(t))))
def test_validating_a_normalized_body_returns_it_unchanged(case):
    item_type, body = case
    assert validate_body(item_type, body) == body


def test_defaults_are_filled_and_decimals_written_canonically():
    body = validate_body(
        "single_choice",
        {
            "choices": [{"text": " Sí ", "fraction": "1.00"}, {"text": "No", "fraction": 0}],
            "extra": 1,
        },
    )
    assert body == {
        "choices": [
            {"text": "Sí", "fraction": "1", "feedback": ""},
            {"text": "No", "fraction": "0", "feedback": ""},
        ],
        "shuffle": True,
    }
    numeric = validate_body("numeric", {"answers": [{"value": "1E+1", "tolerance": "0.50"}]})
    assert numeric["answers"][0] == {
        "value": "10",
        "tolerance": "0.5",
        "fraction": "1",
        "feedback": "",
    }
    assert numeric["units"] == [] and numeric["unit_required"] is False


@pytest.mark.parametrize(
    ("item_type", "body", "message"),
    [
        ("single_choice", {"choices": [{"text": "a", "fraction": "1"}, {"text": "b"}, {"text": " "}]},
         "La opción 3 no tiene texto."),
        ("single_choice", {"choices": [{"text": "a", "fraction": "0.5"}, {"text": "b"}]},
         "Ninguna opción vale el 100 %."),
        ("single_choice", {"choices": [{"text": "a", "fraction": "1"}]},
         "La lista de opciones necesita al menos 2."),
        ("single_choice", {"choices": [{"text": "a", "fraction": "1"}, {"text": "b", "fraction": "-0.5"}]},
         "La opción 2 debe valer entre 0 % y 100 %."),
        ("single_choice", {"choices": [{"text": "a", "fraction": "uno"}, {"text": "b"}]},
         "La opción 1 no es un número válido."),
        ("multiple_choice", {"choices": [{"text": "a", "fraction": "0.5"}, {"text": "b", "fraction": "0.4"}]},
         "Las opciones correctas deben sumar 100 % (suman 90 %)."),
        ("true_false", {"answer": "sí"}, "Falta la respuesta correcta (verdadero o falso)."),
        ("numeric", {"answers": [{"value": "1", "tolerance": "-1"}]},
         "La tolerancia de la respuesta 1 no puede ser menor que 0."),
        ("numeric", {"answers": [{"value": "x"}]}, "La respuesta 1 no es un número válido."),
        ("numeric", {"answers": [{"value": "1"}], "units": [{"unit": "cm", "multiplier": "10"}]},
         "La unidad 1 tiene un multiplicador inválido (la primera vale 1, las demás más de 0)."),
        ("numeric", {"answers": [{"value": "1"}], "unit_required": True},
         "La unidad es obligatoria pero no hay unidades."),
        ("short_answer", {"answers": [{"text": "(", "regex": True}]},
         "La respuesta 1 no es una expresión regular válida."),
        ("short_answer", {"answers": [{"text": "a", "fraction": "0.5"}]}, "Ninguna respuesta vale el 100 %."),
        ("matching", {"pairs": [{"left": "a", "right": "1"}, {"left": "a", "right": "2"}]},
         "El par 2 repite un elemento de la izquierda."),
        ("matching", {"pairs": [{"left": "a", "right": "1"}, {"left": "b", "right": "2"}], "distractors": ["1"]},
         "El distractor 1 repite otra opción."),
        ("ordering", {"items": ["a", "b", "a"]}, "El elemento 3 está repetido."),
        ("cloze", {"text": "x {2}", "gaps": [{"type": "short_answer", "body": {"answers": [{"text": "a"}]}}]},
         "El texto debe marcar los huecos {1} a {1}, cada uno una vez y en orden."),
        ("cloze", {"text": "x {1}", "gaps": [{"type": "short_answer", "body": {"answers": []}}]},
         "Hueco 1: La lista de respuestas necesita al menos 1."),
        ("cloze", {"text": "x {1}", "gaps": [{"type": "matching", "body": {}}]},
         "El hueco 1 tiene un tipo no admitido."),
        ("cloze", {"text": "x {1}", "gaps": [{"type": "short_answer", "body": {"answers": [{"text": "a"}]}, "weight": 0}]},
         "El peso del hueco 1 debe ser un entero de 1 o más."),
        ("dibujo", {}, "Tipo de pregunta desconocido: dibujo."),
    ],
)  # fmt: skip
def test_invalid_bodies_are_refused_with_a_spanish_message(item_type, body, message):
    with pytest.raises(DomainError) as refused:
        validate_body(item_type, body)
    assert refused.value.message == message
