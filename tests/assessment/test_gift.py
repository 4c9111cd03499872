"""GIFT import and export."""

import pytest
from hypothesis import HealthCheck, given, settings

from impulsa.assessment.formats.common import ItemFileInvalid, ParsedItem
from impulsa.assessment.formats.gift import export_gift, parse_gift
from impulsa.assessment.itemtypes import validate_body
from tests.assessment.strategies import items

CARRIED = ("type", "name", "stem", "stem_format", "body", "general_feedback", "hints", "tags")


def fields(item) -> dict:
    return {name: getattr(item, name) for name in CARRIED}


def one(text: str) -> ParsedItem:
    (item,) = parse_gift(text)
    return item


def test_multiple_choice_with_feedback_general_feedback_and_tags():
    item = one(
        "// [tag:skill:geo-1] [tag:fácil]\n"
        "::Capital::[markdown]¿Cuál es la capital de México? {\n"
        "  =CDMX#¡Bien!\n  ~Monterrey#No.\n  ~%50%Ciudad de México\n  ####Es la CDMX.\n}"
    )
    assert (item.type, item.name, item.stem, item.stem_format) == (
        "single_choice",
        "Capital",
        "¿Cuál es la capital de México?",
        "markdown",
    )
    assert item.body["choices"] == [
        {"text": "CDMX", "fraction": "1", "feedback": "¡Bien!"},
        {"text": "Monterrey", "fraction": "0", "feedback": "No."},
        {"text": "Ciudad de México", "fraction": "0.5", "feedback": ""},
    ]
    assert item.general_feedback == "Es la CDMX."
    assert item.tags == ["skill:geo-1", "fácil"]
    assert item.line == 2


def test_weights_without_an_equals_answer_make_multiple_choice():
    item = one("Primos {~%50%2 ~%50%3 ~%-100%4}")
    assert item.type == "multiple_choice"
    assert [c["fraction"] for c in item.body["choices"]] == ["0.5", "0.5", "-1"]
    assert item.name == "Primos"


def test_thirds_written_by_moodle_are_accepted():
    item = one("Elige {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}")
    assert item.type == "multiple_choice"


def test_several_equals_answers_stay_single_choice_with_several_right():
    item = one("Pares {=2 =4 ~3}")
    assert item.type == "single_choice"
    assert [c["fraction"] for c in item.body["choices"]] == ["1", "1", "0"]


@pytest.mark.parametrize(
    ("text", "answer", "feedback_true", "feedback_false"),
    [
        ("El sol es una estrella. {T}", True, "", ""),
        ("El sol es una estrella. {TRUE#No es así#Correcto}", True, "Correcto", "No es así"),
        ("La luna es planeta. {FALSE#Incorrecto#Correcto}", False, "Incorrecto", "Correcto"),
        ("La luna es planeta. {F}", False, "", ""),
    ],
)
def test_true_false_feedback_for_a_wrong_answer_comes_first(
    text, answer, feedback_true, feedback_false
):
    item = one(text)
    assert item.type == "true_false"
    assert item.body == {
        "answer": answer,
        "feedback_true": feedback_true,
        "feedback_false": feedback_false,
    }


def test_short_answer_with_weights_and_wildcard():
    item = one("Dos más dos {=cuatro =4#Sí =%50%cuatr*}")
    assert item.type == "short_answer"
    assert item.body["answers"] == [
        {"text": "cuatro", "fraction": "1", "feedback": "", "regex": False},
        {"text": "4", "fraction": "1", "feedback": "Sí", "regex": False},
        {"text": "cuatr.*", "fraction": "0.5", "feedback": "", "regex": True},
    ]


@pytest.mark.parametrize(
    ("text", "answers"),
    [
        ("Pi {#3.14:0.01}", [("3.14", "0.01", "1", "")]),
        ("Entre {#1..5}", [("3", "2", "1", "")]),
        ("Negativo {#-2}", [("-2", "0", "1", "")]),
        (
            "X {#=3.5:0.1#bien =%50%3:1#casi}",
            [("3.5", "0.1", "1", "bien"), ("3", "1", "0.5", "casi")],
        ),
    ],
)
def test_numeric_answers_with_tolerance_ranges_and_weights(text, answers):
    item = one(text)
    assert item.type == "numeric"
    assert [tuple(a.values()) for a in item.body["answers"]] == answers


def test_matching_pairs():
    item = one("Relaciona {=perro -> guau =gato -> miau =vaca -> mu}")
    assert item.type == "matching"
    assert item.body["pairs"][2] == {"left": "vaca", "right": "mu"}


def test_text_after_the_answers_makes_a_one_gap_cloze():
    item = one("::Missing::La capital es {=CDMX ~GDL} de México.")
    assert item.type == "cloze" and item.stem == ""
    assert item.body["text"] == "La capital es {1} de México."
    assert item.body["gaps"][0]["type"] == "single_choice"


def test_escaped_characters_and_newlines_are_restored():
    item = one(r"::a\:b::Llaves \{x\} \= \# \~ y\nfin \\ {=\{1\}}")
    assert item.name == "a:b"
    assert item.stem == "Llaves {x} = # ~ y\nfin \\"
    assert item.body["answers"][0]["text"] == "{1}"


def test_plain_and_moodle_formats_become_escaped_html():
    item = one("[plain]a < b\nc {T}")
    assert (item.stem_format, item.stem) == ("html", "a &lt; b<br>\nc")


def test_comments_and_categories_are_skipped():
    items_read = parse_gift(
        "// un comentario\n$CATEGORY: $course$/Álgebra\n\n// otro\n::Q::x {T}\n"
    )
    assert [i.name for i in items_read] == ["Q"]


def test_unsupported_questions_are_reported_with_name_and_line_and_nothing_is_imported():
    text = (
        "::Bien::Correcta {T}\n"
        "\n"
        "::Ensayo::Escribe {=a} y luego {=b}\n"
        "\n"
        "// comentario\n"
        "Solo una descripción sin respuestas\n"
        "\n"
        "::Abierta::Falta cerrar {=a\n"
        "\n"
        "::Número en medio::Son {#3} manzanas\n"
        "\n"
        "::Sin correcta::Elige {~a ~b}\n"
    )
    with pytest.raises(ItemFileInvalid) as invalid:
        parse_gift(text)
    problems = [(p.name, p.line) for p in invalid.value.problems]
    assert problems == [
        ("Ensayo", 3),
        ("Solo una descripción sin respuestas", 6),
        ("Abierta", 8),
        ("Número en medio", 10),
        ("Sin correcta", 12),
    ]
    reasons = [p.reason for p in invalid.value.problems]
    assert reasons[0] == "Solo se admite un bloque de respuestas {…} por pregunta."
    assert reasons[4] == "Las opciones correctas deben sumar 100 % (suman 0 %)."
    assert "línea 3, «Ensayo»" in str(invalid.value)


def test_export_reports_what_gift_cannot_carry():
    ordering = ParsedItem(
        "ordering", "Orden", "Ordena", "markdown", validate_body("ordering", {"items": ["a", "b"]})
    )
    regex = ParsedItem(
        "short_answer",
        "Regex",
        "x",
        "markdown",
        validate_body("short_answer", {"answers": [{"text": "a|b", "regex": True}]}),
    )
    hinted = ParsedItem(
        "true_false",
        "Pista",
        "x",
        "markdown",
        validate_body("true_false", {"answer": True}),
        hints=["piensa"],
    )
    matching = ParsedItem(
        "matching",
        "Distractor",
        "x",
        "markdown",
        validate_body(
            "matching",
            {
                "pairs": [{"left": "a", "right": "1"}, {"left": "b", "right": "2"}],
                "distractors": ["3"],
            },
        ),
    )
    result = export_gift([ordering, regex, hinted, matching])
    assert [(p.name, p.reason) for p in result.skipped] == [
        ("Orden", "GIFT no tiene preguntas de ordenar."),
        ("Regex", "GIFT no admite expresiones regulares en las respuestas."),
        ("Pista", "GIFT no guarda pistas; se omitieron."),
        ("Distractor", "GIFT no admite distractores al relacionar columnas; se omitieron."),
    ]
    assert [i.name for i in parse_gift(result.content)] == ["Pista", "Distractor"]
    assert parse_gift(result.content)[1].body["distractors"] == []


def test_a_cloze_with_the_gap_at_the_end_exports_as_a_plain_question():
    body = validate_body(
        "cloze",
        {
            "text": "La capital es {1}",
            "gaps": [{"type": "short_answer", "body": {"answers": [{"text": "CDMX"}]}}],
        },
    )
    item = one(export_gift([ParsedItem("cloze", "Fin", "", "markdown", body)]).content)
    assert (item.type, item.stem) == ("short_answer", "La capital es")


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(items(carrier="gift"))
def test_export_then_import_gives_back_every_field_gift_carries(item):
    result = export_gift([item])
    assert result.skipped == []
    (back,) = parse_gift(result.content)
    assert fields(back) == fields(item)
