"""Valid but probably unmeant items are flagged: a single-choice item with two fully
correct choices (builder: confirm once; import: imported with a warning)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from impulsa.assessment import itemtypes
from impulsa.assessment.bank.transfer import import_items
from impulsa.assessment.models import Item
from tests.learning_builders import build_course

TWO_RIGHT = {
    "choices": [
        {"text": "2", "fraction": "1"},
        {"text": "4", "fraction": "1"},
        {"text": "3", "fraction": "0"},
    ]
}


def test_two_fully_correct_single_choices_are_warned_about():
    (warning,) = itemtypes.warnings("single_choice", TWO_RIGHT)
    assert "Las opciones 1, 2 valen el 100 %" in warning


def test_one_correct_choice_and_other_types_are_not_warned_about():
    one_right = {"choices": [{"text": "2", "fraction": "1"}, {"text": "4", "fraction": "0.5"}]}
    assert itemtypes.warnings("single_choice", one_right) == []
    assert itemtypes.warnings("multiple_choice", TWO_RIGHT) == []  # invalid: no warning
    assert itemtypes.warnings("single_choice", {"choices": []}) == []


def test_a_cloze_names_the_gap_with_two_correct_choices():
    body = {"text": "Par: {1}", "gaps": [{"type": "single_choice", "body": TWO_RIGHT}]}
    (warning,) = itemtypes.warnings("cloze", body)
    assert warning.startswith("Hueco 1: Las opciones 1, 2")


@pytest.fixture
def course(world):
    return build_course(world.designer, institution=world.national, publish=False).course


def _builder_data(**extra):
    data = {
        "name": "Pares",
        "stem": "¿Cuál es par?",
        "choices-TOTAL_FORMS": "3",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
        "choices-0-text": "2",
        "choices-0-correct": "on",
        "choices-1-text": "4",
        "choices-1-correct": "on",
        "choices-2-text": "3",
    }
    return {**data, **extra}


def test_the_builder_asks_once_then_saves_when_confirmed(world, login, course):
    client = login(world.designer)
    url = reverse("itembank:item_create", kwargs={"course_id": course.pk}) + "?tipo=single_choice"

    first = client.post(url, _builder_data())

    html = first.content.decode()
    assert first.status_code == 200
    assert "Las opciones 1, 2 valen el 100 %" in html
    assert 'name="body-confirm_warnings"' in html
    assert not Item.objects.filter(versions__name="Pares").exists()

    second = client.post(url, _builder_data(**{"body-confirm_warnings": "on"}))

    assert second.status_code == 302
    body = Item.objects.get(versions__name="Pares").current.body
    assert [c["fraction"] for c in body["choices"]] == ["1", "1", "0"]


def test_an_import_keeps_such_items_and_warns(world, login, course):
    report = import_items(
        actor=world.designer,
        course=course,
        filename="p.gift",
        data="::Pares:: ¿Cuál es par? {=2 =4 ~3}".encode(),
    )

    assert report.count == 1
    (warning,) = report.warnings
    assert warning.name == "Pares" and "valen el 100 %" in warning.reason


def test_the_import_page_shows_the_warning(world, login, course):
    url = reverse("itembank:import", kwargs={"course_id": course.pk})
    upload = SimpleUploadedFile("p.gift", "::Pares:: ¿Cuál es par? {=2 =4 ~3}".encode())

    response = login(world.designer).post(url, {"file": upload}, follow=True)

    html = response.content.decode()
    assert "Se importó 1 reactivo" in html
    assert "Las opciones 1, 2 valen el 100 %" in html
