"""The item builder: creating and editing each type through the form, versions, preview."""

import pytest
from django.urls import reverse

from impulsa.assessment.models import Answer, Item
from tests.learning_builders import build_course, enroll


def _rows(prefix: str, rows: list[dict]) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows) + 1),  # a spare blank row, as the page sends
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update({f"{prefix}-{n}-{key}": value for key, value in row.items()})
    return data


def _post(name: str, **extra) -> dict:
    return {
        "name": name,
        "stem": "¿Cuánto es $2^3$?",
        "general_feedback": "Multiplica 2 tres veces.",
        "hints": "Piensa en 2 × 2.\n\nLuego por 2.",
        **extra,
    }


@pytest.fixture
def built(world):
    return build_course(world.designer, institution=world.national, name="Álgebra", publish=False)


def _create(client, course, item_type, data):
    url = reverse("itembank:item_create", kwargs={"course_id": course.pk})
    return client.post(f"{url}?tipo={item_type}", data)


def _created(name):
    return Item.objects.get(versions__name=name)


def test_creating_a_single_choice_item_builds_its_body_from_the_rows(world, login, built):
    skill = built.skills[0]
    data = _post(
        "Potencia",
        skills=[skill.pk],
        difficulty="-0.5",
        **{"body-shuffle": "on"},
        **_rows(
            "choices",
            [
                {"text": "8", "correct": "on", "feedback": "Bien."},
                {"text": "6", "credit": "", "feedback": "Eso es 2 × 3."},
                {"text": "9", "credit": "25", "feedback": ""},
            ],
        ),
    )

    response = _create(login(world.designer), built.course, "single_choice", data)

    item = _created("Potencia")
    assert response.status_code == 302
    assert response.url == reverse("itembank:item_edit", kwargs={"item_id": item.pk})
    version = item.current
    assert version.body == {
        "choices": [
            {"text": "8", "fraction": "1", "feedback": "Bien."},
            {"text": "6", "fraction": "0", "feedback": "Eso es 2 × 3."},
            {"text": "9", "fraction": "0.25", "feedback": ""},
        ],
        "shuffle": True,
    }
    assert version.hints == ["Piensa en 2 × 2.", "Luego por 2."]
    assert str(version.difficulty) == "-0.50"
    assert list(item.skills.all()) == [skill]
    assert version.tags == [f"skill:{skill.code}"]


@pytest.mark.parametrize(
    ("item_type", "fields", "body"),
    [
        (
            "multiple_choice",
            {"body-shuffle": "", **_rows("choices", [
                {"text": "2", "credit": "50"}, {"text": "3", "credit": "50"},
                {"text": "4", "credit": "-100", "feedback": "4 = 2 × 2"},
            ])},
            {"choices": [
                {"text": "2", "fraction": "0.5", "feedback": ""},
                {"text": "3", "fraction": "0.5", "feedback": ""},
                {"text": "4", "fraction": "-1", "feedback": "4 = 2 × 2"},
            ], "shuffle": False},
        ),
        (
            "true_false",
            {"body-answer": "false", "body-feedback_true": "No.", "body-feedback_false": "Sí."},
            {"answer": False, "feedback_true": "No.", "feedback_false": "Sí."},
        ),
        (
            "numeric",
            {
                **_rows("answers", [{"value": "8", "tolerance": "", "credit": "", "feedback": "Bien"},
                                    {"value": "7,5", "tolerance": "0,5", "credit": "50"}]),
                **_rows("units", [{"unit": "m", "multiplier": "1"}, {"unit": "cm", "multiplier": "100"}]),
                "body-unit_required": "on",
            },
            {"answers": [
                {"value": "8", "tolerance": "0", "fraction": "1", "feedback": "Bien"},
                {"value": "7.5", "tolerance": "0.5", "fraction": "0.5", "feedback": ""},
            ], "units": [{"unit": "m", "multiplier": "1"}, {"unit": "cm", "multiplier": "100"}],
             "unit_required": True},
        ),
        (
            "short_answer",
            {**_rows("answers", [{"text": "ocho"}, {"text": "8(\\.0)?", "regex": "on", "credit": "100"}]),
             "body-case_sensitive": ""},
            {"answers": [
                {"text": "ocho", "fraction": "1", "feedback": "", "regex": False},
                {"text": "8(\\.0)?", "fraction": "1", "feedback": "", "regex": True},
            ], "case_sensitive": False},
        ),
        (
            "matching",
            {**_rows("pairs", [{"left": "2³", "right": "8"}, {"left": "3²", "right": "9"}]),
             "body-distractors": "6\n\n12"},
            {"pairs": [{"left": "2³", "right": "8"}, {"left": "3²", "right": "9"}],
             "distractors": ["6", "12"]},
        ),
        (
            "ordering",
            {"body-items": "1\n\n2\n4\n8"},
            {"items": ["1", "2", "4", "8"]},
        ),
        (
            "cloze",
            {"body-text": "$2^3$ es {1} y se lee {2}.", "body-gaps": "2:NM:=8:0\nSA:=ocho~%50%8"},
            {"text": "$2^3$ es {1} y se lee {2}.", "gaps": [
                {"type": "numeric", "weight": 2, "body": {"answers": [
                    {"value": "8", "tolerance": "0", "fraction": "1", "feedback": ""}],
                    "units": [], "unit_required": False}},
                {"type": "short_answer", "weight": 1, "body": {"answers": [
                    {"text": "ocho", "fraction": "1", "feedback": "", "regex": False},
                    {"text": "8", "fraction": "0.5", "feedback": "", "regex": False}],
                    "case_sensitive": False}},
            ]},
        ),
    ],
)  # fmt: skip
def test_each_type_form_builds_the_body_json(world, login, built, item_type, fields, body):
    response = _create(login(world.designer), built.course, item_type, _post("Nuevo", **fields))

    assert response.status_code == 302, response.content.decode()[:3000]
    version = _created("Nuevo").current
    assert (version.type, version.body) == (item_type, body)


def test_invalid_body_shows_the_spanish_reason_and_creates_nothing(world, login, built):
    data = _post("Sin correcta", **_rows("choices", [{"text": "8"}, {"text": "6"}]))

    response = _create(login(world.designer), built.course, "single_choice", data)

    assert response.status_code == 200
    assert "Revisa las respuestas del reactivo" in response.content.decode()
    assert not Item.objects.filter(versions__name="Sin correcta").exists()


def test_unreadable_cloze_gap_line_is_explained(world, login, built):
    data = _post("Hueco", **{"body-text": "Es {1}.", "body-gaps": "ocho"})

    response = _create(login(world.designer), built.course, "cloze", data)

    assert "El hueco 1 debe empezar con MC:, SA:, SAC: o NM:" in response.content.decode()
    assert not Item.objects.filter(versions__name="Hueco").exists()


def test_missing_name_is_a_field_error(world, login, built):
    data = _post("", **{"body-answer": "true"})

    response = _create(login(world.designer), built.course, "true_false", data)

    assert response.status_code == 200
    assert 'id="id_name_error"' in response.content.decode()


def test_create_without_type_offers_the_types(world, login, built):
    url = reverse("itembank:item_create", kwargs={"course_id": built.course.pk})

    html = login(world.designer).get(url).content.decode()

    assert "?tipo=cloze" in html and "Relacionar columnas" in html


def test_builder_page_renders_every_type_with_spare_rows(world, login, built):
    client = login(world.designer)
    url = reverse("itembank:item_create", kwargs={"course_id": built.course.pk})
    for item_type in ("single_choice", "numeric", "short_answer", "matching", "cloze"):
        html = client.get(url, {"tipo": item_type}).content.decode()
        assert "data-rows-add" in html if item_type != "cloze" else "body-gaps" in html


def _edit_url(item):
    return reverse("itembank:item_edit", kwargs={"item_id": item.pk})


def _edit_post(client, item, **changes):
    """Post the edit form as the page shows it (every row as it is), with changes."""
    page = client.get(_edit_url(item))
    form, editor = page.context["form"], page.context["editor"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if name == "skills":
            data[name] = [getattr(skill, "pk", skill) for skill in value or []]
        elif value not in (None, False):
            data[name] = value
    for part in [editor.settings, *(r.formset for r in editor.rows)]:
        forms = getattr(part, "forms", [part])
        if hasattr(part, "management_form"):
            for name in part.management_form.fields:
                data[part.management_form[name].html_name] = part.management_form[name].value()
        for sub in forms:
            for name in sub.fields:
                value = sub[name].value()
                if value not in (None, False, ""):
                    data[sub[name].html_name] = "on" if value is True else value
    data.update(changes)
    return client.post(_edit_url(item), data)


def test_editing_an_answered_item_creates_version_2(world, login):
    built = build_course(world.designer, institution=world.national, name="Publicado")
    item = built.items["true_false"]
    enrollment = enroll(world.alice, world.student_a1, built.course)
    Answer.objects.create(
        enrollment=enrollment,
        activity_key=built.quiz.key,
        item_version=item.current,
        response=True,
        fraction=1,
    )
    client = login(world.designer)

    page = client.get(_edit_url(item)).content.decode()
    response = _edit_post(client, item, stem="El cero es un número par, ¿verdad?")

    assert (
        "Se creará la versión 2; las respuestas anteriores conservan la versión que vieron." in page
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.current.number == 2
    assert item.current.stem == "El cero es un número par, ¿verdad?"
    assert item.versions.get(number=1).stem == "El 0 es un número par."
    history = client.get(_edit_url(item)).content.decode()
    assert "Versión 2" in history and "Versión 1" in history


def test_editing_an_unseen_item_changes_it_in_place(world, login, built):
    item = built.items["numeric"]
    client = login(world.designer)

    page = client.get(_edit_url(item)).content.decode()
    response = _edit_post(client, item, **{"answers-0-value": "13"})

    assert "Se creará la versión" not in page
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.current.number == 1
    assert item.current.body["answers"][0]["value"] == "13"
    assert [u["unit"] for u in item.current.body["units"]] == ["cm", "mm"]


def test_editing_a_cloze_keeps_its_gaps(world, login, built):
    item = built.items["cloze"]
    before = item.current.body

    response = _edit_post(login(world.designer), item, name="Completa el doble")

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.current.body == before and item.current.name == "Completa el doble"


def test_edit_page_shows_preview_with_key_and_where_it_is_used(world, login, built):
    item = built.items["single_choice"]

    html = login(world.designer).get(_edit_url(item)).content.decode()

    assert "Vista previa con la clave" in html
    assert "<math" in html  # the stem's LaTeX became MathML
    assert "list-group-item-success" in html
    assert built.practice.title in html and built.quiz.title in html


def test_stem_preview_renders_markdown_with_math(world, login):
    response = login(world.designer).post(
        reverse("itembank:stem_preview"), {"stem": "**Calcula** $\\frac{1}{2}$"}
    )

    html = response.content.decode()
    assert "<strong>Calcula</strong>" in html and "<mfrac>" in html


def test_stem_preview_is_for_authors_only(world, login):
    response = login(world.student_a1).post(reverse("itembank:stem_preview"), {"stem": "x"})

    assert response.status_code == 403


def test_deleting_an_unused_item(world, login, built):
    client = login(world.designer)
    _create(client, built.course, "true_false", _post("Borrable", **{"body-answer": "true"}))
    item = _created("Borrable")

    response = client.post(reverse("itembank:item_delete", kwargs={"item_id": item.pk}))

    assert response.status_code == 302
    assert not Item.objects.filter(pk=item.pk).exists()


def test_designer_of_another_state_cannot_edit_or_delete(world, login, built):
    item = built.items["true_false"]
    client = login(world.designer_b)

    edit = client.post(_edit_url(item), {"name": "Cambiado"})
    delete = client.post(reverse("itembank:item_delete", kwargs={"item_id": item.pk}))

    assert (edit.status_code, delete.status_code) == (404, 404)
    assert Item.objects.get(pk=item.pk).current.name == "Reactivo true_false"
