"""Short answers accept the common forms their list misses (a leading article, singular
or plural) unless the item says otherwise; an exact match always decides first."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from impulsa.assessment.bank import services as items
from impulsa.assessment.bank.preview import preview_html
from impulsa.assessment.itemtypes import editor_for, score, validate_body
from impulsa.learning.authoring import services as authoring
from tests.assessment.strategies import bodies, responses

BODY = validate_body(
    "short_answer",
    {
        "answers": [
            {"text": "dos puntos"},
            {"text": "La Paz"},
            {"text": "canción"},
            {"text": "luz"},
            {"text": "punto", "fraction": "0", "feedback": "Son dos."},
        ]
    },
)


@pytest.mark.parametrize(
    ("typed", "credit"),
    [
        ("los dos puntos", "1"),
        ("Los Dos Puntos", "1"),
        ("dos punto", "1"),
        ("la paz", "1"),
        ("Paz", "0"),  # the answer's own article is part of it
        ("el Paz", "0"),
        ("canciones", "1"),
        ("las canciones", "1"),
        ("cancion", "1"),  # accents do not count on this item
        ("luces", "1"),
        ("do puntos", "0"),  # too short to be a plural
        ("el punto", "0"),
    ],
)
def test_common_forms_of_an_accepted_answer_score_as_it(typed, credit):
    assert score("short_answer", BODY, typed).fraction == Decimal(credit)


def test_a_variant_of_a_wrong_answer_gets_its_feedback():
    assert score("short_answer", BODY, "el punto").feedback == ["Son dos."]


def test_an_exact_match_wins_over_a_variant_of_a_better_answer():
    body = validate_body(
        "short_answer",
        {"answers": [{"text": "punto"}, {"text": "puntos", "fraction": "0.5"}]},
    )
    assert score("short_answer", body, "puntos").fraction == Decimal("0.5")
    assert score("short_answer", body, "los puntos").fraction == 1


def test_variants_can_be_turned_off_and_that_is_kept_in_the_body():
    body = validate_body("short_answer", {**BODY, "accept_variants": False})
    assert body["accept_variants"] is False
    assert score("short_answer", body, "los dos puntos").fraction == 0
    assert "accept_variants" not in validate_body("short_answer", {**BODY, "accept_variants": True})


def test_with_accents_counting_a_plural_that_drops_the_accent_is_not_a_variant():
    body = validate_body("short_answer", {**BODY, "accent_sensitive": True})
    assert score("short_answer", body, "canciones").fraction == 0
    assert score("short_answer", body, "las luces").fraction == 1


def test_patterns_have_no_variants():
    body = validate_body("short_answer", {"answers": [{"text": "dos puntos?", "regex": True}]})
    assert score("short_answer", body, "los dos punto").fraction == 0


@given(st.data())
def test_turning_variants_on_only_accepts_responses_that_matched_nothing(data):
    body = data.draw(bodies("short_answer"))
    response = data.draw(responses("short_answer", body))
    strict = score("short_answer", {**body, "accept_variants": False}, response)
    lenient = score("short_answer", {**body, "accept_variants": True}, response)
    assert lenient == strict or (strict.fraction == 0 and strict.feedback == [])


def test_the_builder_preview_shows_how_typical_variants_would_score(world):
    course = authoring.create_course(actor=world.designer, institution=world.national, name="M")
    item = items.create_item(
        actor=world.designer, course=course, type="short_answer", name="Signo",
        stem="¿Qué signo va después del saludo?", stem_format="markdown",
        body={"answers": [{"text": "dos puntos"}, {"text": "La Paz"}]},
    )  # fmt: skip
    html = preview_html(item.current)
    assert "Cómo se calificarían variantes típicas" in html
    assert "<td>los dos puntos</td><td>100 %</td>" in html
    assert "<td>Paz</td><td>0 %</td>" in html


def test_the_builder_preview_shows_the_numeric_reading_rules(world):
    course = authoring.create_course(actor=world.designer, institution=world.national, name="M")
    item = items.create_item(
        actor=world.designer, course=course, type="numeric", name="Área",
        stem="Escribe el área en cm².", stem_format="markdown",
        body={"answers": [{"value": "50.24"}], "units": [{"unit": "cm²", "multiplier": "1"}],
              "unsimplified_credit": "0"},
    )  # fmt: skip
    html = preview_html(item.current)
    assert "Unidades: cm² (opcional: el número solo también vale)." in html
    assert "cm2" in html and "1,200 es mil doscientos" in html
    assert "recibe el 0 % del crédito" in html


def test_the_builder_forms_carry_the_new_settings():
    numeric = editor_for(
        "numeric",
        {
            "answers-TOTAL_FORMS": "1", "answers-INITIAL_FORMS": "0",
            "answers-0-value": "0.75", "units-TOTAL_FORMS": "1", "units-INITIAL_FORMS": "0",
            "units-0-unit": "m", "body-convert_units": "on", "body-unsimplified_credit": "50",
        },
    )  # fmt: skip
    assert numeric.is_valid()
    body = validate_body("numeric", numeric.body())
    assert body["convert_units"] is True and body["unsimplified_credit"] == "0.5"
    short = editor_for(
        "short_answer",
        {
            "answers-TOTAL_FORMS": "1", "answers-INITIAL_FORMS": "0",
            "answers-0-text": "dos puntos", "body-exact_only": "on",
        },
    )  # fmt: skip
    assert short.is_valid()
    assert validate_body("short_answer", short.body())["accept_variants"] is False
