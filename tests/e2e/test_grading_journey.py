"""A teacher grades open answers from the queue on a phone, anonymised: names hidden
behind codes, the rubric chosen by keyboard with the points added up as they go,
«Guardar y siguiente» revealing whose answer it was and opening the next one; every
page checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from impulsa.assessment.grading.selectors import anonymous_code
from impulsa.assessment.models import Answer, GradingState
from tests.assessment.grading_builders import essay_course, student
from tests.e2e import learning_steps as steps
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_teacher_grades_essays_from_the_queue_anonymised(phone, world):
    course = essay_course(world)
    world.student_a1.first_name = "Ximena"
    world.student_a1.save()
    first = course.answer(world.alice, world.student_a1)
    other = student(world.campus_a1, username="2614077", group=world.group_a1, first_name="Rodrigo")
    second = course.answer(world.alice, other, "Es dividir algo en partes iguales y tomar algunas.")
    page = phone
    page.set_default_timeout(steps.TIMEOUT_MS)

    steps.sign_in(page, world.teacher_a1)
    steps.go_by_menu(page, "Calificar")
    expect(page.get_by_role("heading", name="Respuestas por calificar")).to_be_visible()
    expect(page.get_by_text("2 respuestas por calificar.")).to_be_visible()

    page.get_by_label("Calificar sin ver nombres").check()
    page.get_by_role("button", name="Filtrar").click()
    expect(page.get_by_role("link", name=anonymous_code(first.pk))).to_be_visible()
    expect(page.get_by_text("Ximena")).to_have_count(0)

    page.get_by_role("link", name="Comenzar a calificar").click()
    expect(
        page.get_by_role("heading", name=f"Respuesta {anonymous_code(first.pk)}")
    ).to_be_visible()
    expect(page.get_by_text("como la mitad de una pizza")).to_be_visible()
    expect(page.get_by_text("Ximena")).to_have_count(0)

    # By keyboard: into the first criterion's group, arrows move the choice.
    page.get_by_role("radio", name="Ausente (0 pts)").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Clara (2 pts)")).to_be_checked()
    page.get_by_role("radio", name="Uno (0.5 pts)").check()
    expect(page.get_by_text("Puntos: 2.5 de 4")).to_be_visible()
    page.get_by_label("Comentario").fill("Buena idea; agrega otro ejemplo.")
    screenshot(page, "grading-rubric-phone")
    page.get_by_role("button", name="Guardar y siguiente").click()

    expect(page.get_by_text(re.compile(rf"{anonymous_code(first.pk)} era Ximena"))).to_be_visible()
    expect(
        page.get_by_role("heading", name=f"Respuesta {anonymous_code(second.pk)}")
    ).to_be_visible()
    expect(page.get_by_text("Rodrigo")).to_have_count(0)
    page.get_by_role("radio", name="Parcial (1 pts)").check()
    page.get_by_role("radio", name="Ninguno (0 pts)").check()
    page.get_by_role("button", name="Guardar y siguiente").click()

    expect(page.get_by_text(re.compile(r"era Rodrigo"))).to_be_visible()
    expect(page.get_by_text("0 respuestas por calificar.")).to_be_visible()
    screenshot(page, "grading-queue-done-phone")

    graded = {a.pk: a for a in Answer.objects.filter(pk__in=[first.pk, second.pk])}
    assert graded[first.pk].grading_state == GradingState.GRADED
    assert str(graded[first.pk].fraction) == "0.6250"
    assert graded[first.pk].grader_comment == "Buena idea; agrega otro ejemplo."
    assert str(graded[second.pk].fraction) == "0.2500"
    assert page.problems == []
