"""The open answer (essay) item type: its body's bounds, responses that are never
refused for their word count, scoring that waits for a person, the rubric's grade,
the builder's level lines, and what a student sees in the player."""

import copy
from decimal import Decimal

import pytest
from django.urls import reverse

from impulsa.assessment.itemtypes import coerce_response, response_from_form, score, validate_body
from impulsa.assessment.itemtypes.essay import scoring
from impulsa.assessment.itemtypes.essay.editor import parse_levels
from impulsa.assessment.models import Answer, GradingState
from impulsa.core.errors import DomainError
from impulsa.learning.models import PublishedActivity
from tests.learning_builders import ESSAY_BODY, build_essay_course, enroll

HTMX = {"HTTP_HX_REQUEST": "true"}


def body(**changes):
    changed = copy.deepcopy(ESSAY_BODY)
    changed.update(changes)
    return changed


def criterion(levels=2, name="Criterio"):
    return {"name": name, "levels": [{"label": f"N{n}", "points": str(n)} for n in range(levels)]}


def test_a_valid_body_is_normalized():
    valid = validate_body("essay", body(min_words="5", model_answer="  Modelo  "))
    assert valid["min_words"] == 5
    assert valid["model_answer"] == "Modelo"
    assert valid["rubric"][1]["levels"][1] == {"label": "Uno", "points": "0.5"}
    assert validate_body("essay", valid) == valid


def test_word_limits_left_out_are_not_written():
    valid = validate_body("essay", body(min_words=None, max_words=""))
    assert "min_words" not in valid and "max_words" not in valid


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"rubric": []}, "La rúbrica necesita al menos 1."),
        ({"rubric": [criterion()] * 13}, "La rúbrica tiene 13 criterios; el máximo es 12."),
        ({"rubric": [criterion(7)]}, "El criterio 1 tiene 7 niveles; el máximo es 6."),
        ({"rubric": [criterion(1)]}, "Los niveles de El criterio 1 necesita al menos 2."),
        (
            {"rubric": [{"name": "A", "levels": [{"label": "x", "points": "0"}] * 2}]},
            "La rúbrica no da ningún punto: algún nivel debe valer más de 0.",
        ),
        (
            {"rubric": [{"name": "A", "levels": [{"label": "x", "points": "-1"}] * 2}]},
            "Los puntos de El nivel 1 del criterio 1 no puede ser menor que 0.",
        ),
        (
            {"rubric": [{"name": "", "levels": criterion()["levels"]}]},
            "El criterio 1 no tiene texto.",
        ),
        ({"rubric": [criterion(name="x" * 201)]}, "El criterio 1 pasa de 200 caracteres."),
        ({"min_words": 10, "max_words": 5}, "El mínimo de palabras es mayor que el máximo."),
        ({"max_words": 0}, "El máximo de palabras debe ser un número entero de 1 a 5000."),
        ({"model_answer": "x" * 20_001}, "La respuesta modelo pasa de 20000 caracteres."),
    ],
)
def test_bodies_out_of_bounds_are_refused_in_spanish(changes, message):
    with pytest.raises(DomainError) as refused:
        validate_body("essay", body(**changes))
    assert refused.value.message == message


def test_a_response_up_to_20000_characters_is_kept_as_written():
    text = "palabra " * 2500  # exactly 20,000 characters
    assert coerce_response("essay", ESSAY_BODY, text) == text
    assert coerce_response("essay", ESSAY_BODY, "uno\r\ndos") == "uno\ndos"
    with pytest.raises(DomainError) as refused:
        coerce_response("essay", ESSAY_BODY, text + "x")
    assert refused.value.message == "Respuesta no válida: el texto pasa de 20,000 caracteres."


def test_word_limits_never_refuse_a_response():
    assert coerce_response("essay", ESSAY_BODY, "corto") == "corto"  # min_words is 5


def test_scoring_waits_for_a_person():
    outcome = score("essay", ESSAY_BODY, "Una fracción es una parte de un entero.")
    assert outcome.pending
    assert outcome.fraction == 0 and not outcome.correct
    assert not score("essay", ESSAY_BODY, None).pending  # unanswered is plainly 0


def test_a_blank_form_is_unanswered():
    assert response_from_form("essay", ESSAY_BODY, {"answer": "   "}) is None
    assert response_from_form("essay", ESSAY_BODY, {"answer": "Hola"}) == "Hola"


def test_the_grade_is_points_over_the_rubric_maximum():
    levels = scoring.rubric_levels(ESSAY_BODY, ["2", 1])
    assert levels == [2, 1]
    assert scoring.rubric_points(ESSAY_BODY, levels) == Decimal("2.5")
    assert scoring.max_points(ESSAY_BODY) == Decimal(4)
    assert scoring.rubric_outcome(ESSAY_BODY, levels).fraction == Decimal("0.6250")
    assert scoring.rubric_outcome(ESSAY_BODY, [2, 2]).correct


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        ([2], "Elige un nivel en cada criterio de la rúbrica."),
        ("22", "Elige un nivel en cada criterio de la rúbrica."),
        ([2, 3], "El criterio 2 («Ejemplos») no tiene ese nivel."),
        ([2, -1], "El criterio 2 («Ejemplos») no tiene ese nivel."),
        ([None, 1], "Elige un nivel en el criterio 1 («Idea principal»)."),
        ([True, 1], "Elige un nivel en el criterio 1 («Idea principal»)."),
    ],
)
def test_levels_that_the_rubric_lacks_are_refused(chosen, message):
    with pytest.raises(DomainError) as refused:
        scoring.rubric_levels(ESSAY_BODY, chosen)
    assert refused.value.message == message


def test_an_imported_essay_gets_one_global_criterion_in_quarters():
    (only,) = scoring.global_rubric(Decimal(10))
    assert only["name"] == "Calificación global"
    assert [level["points"] for level in only["levels"]] == ["0", "2.5", "5", "7.5", "10"]


def test_builder_level_lines_read_points_then_label():
    assert parse_levels("0 | Nada\n2,5 | Bien\n\n4", 1) == [
        {"points": "0", "label": "Nada"},
        {"points": "2.5", "label": "Bien"},
        {"points": "4", "label": "4"},
    ]
    with pytest.raises(DomainError) as refused:
        parse_levels("Bien | 2", 3)
    assert refused.value.message.startswith("Criterio 3: «Bien | 2» no empieza con los puntos")


@pytest.fixture
def practice(world):
    built = build_essay_course(world.designer, institution=world.national)
    enrollment = enroll(world.alice, world.student_a1, built.course)
    activity = PublishedActivity.objects.get(version=enrollment.version, key=built.practice.key)
    version = built.items["essay"].current
    return enrollment, activity, version


def test_the_student_writes_and_is_told_it_will_be_graded_later(world, login, practice):
    enrollment, activity, version = practice
    client = login(world.student_a1)
    page = client.get(
        reverse(
            "player:activity",
            kwargs={"enrollment_id": enrollment.pk, "activity_key": activity.key},
        )
    ).content.decode()
    assert "Escribe entre 5 y 200 palabras." in page
    assert "media pizza" not in page  # the model answer is for graders only
    url = reverse(
        "answers:save",
        kwargs={
            "enrollment_id": enrollment.pk,
            "activity_key": activity.key,
            "item_version_id": version.pk,
        },
    )

    response = client.post(url, {"answer": "Una fracción es una parte de un entero."}, **HTMX)

    html = response.content.decode()
    assert "Se calificará después." in html
    assert "Incorrecto" not in html
    assert "Llevas 8 palabras." in html
    answer = Answer.objects.get(enrollment=enrollment, item_version=version)
    assert answer.grading_state == GradingState.PENDING
    assert answer.fraction == 0
    assert answer.response == "Una fracción es una parte de un entero."


def _builder_post(criteria_rows, **settings):
    data = {
        "name": "Ensayo",
        "stem": "Explica qué es una fracción.",
        "criteria-TOTAL_FORMS": str(len(criteria_rows) + 1),
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        **{f"body-{k}": v for k, v in settings.items()},
    }
    for n, row in enumerate(criteria_rows):
        data.update({f"criteria-{n}-{key}": value for key, value in row.items()})
    return data


def test_the_builder_makes_an_essay_with_its_rubric_and_preview(world, login):
    from tests.learning_builders import build_course

    built = build_course(world.designer, institution=world.national, publish=False)
    client = login(world.designer)
    url = reverse("itembank:item_create", kwargs={"course_id": built.course.pk}) + "?tipo=essay"
    assert "Calificación global" in client.get(url).content.decode()  # a rubric to start from

    data = _builder_post(
        [
            {"name": "Claridad", "levels": "0 | Confusa\n1,5 | Clara"},
            {"name": "Ejemplos", "levels": "0 | Ninguno\n2 | Alguno"},
        ],
        min_words="20",
        model_answer="Partes iguales de un entero.",
    )
    response = client.post(url, data)

    assert response.status_code == 302
    from impulsa.assessment.models import Item

    version = Item.objects.get(versions__name="Ensayo").current
    assert version.type == "essay"
    assert version.body["rubric"][0]["levels"][1] == {"label": "Clara", "points": "1.5"}
    assert version.body["min_words"] == 20
    page = client.get(response.url).content.decode()
    assert "máximo 3.5 puntos" in page and "Partes iguales de un entero." in page


def test_the_builder_says_which_level_line_it_cannot_read(world, login):
    from tests.learning_builders import build_course

    built = build_course(world.designer, institution=world.national, publish=False)
    url = reverse("itembank:item_create", kwargs={"course_id": built.course.pk}) + "?tipo=essay"
    response = login(world.designer).post(
        url, _builder_post([{"name": "Claridad", "levels": "Clara | 2"}])
    )
    assert response.status_code == 200
    assert "Criterio 1: «Clara | 2» no empieza con los puntos" in response.content.decode()
