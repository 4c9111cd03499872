"""A course's quiz on a phone: the student starts it from the course, answers are saved
as they change, the grade comes at submit with the keys still hidden, and a second
try starts empty."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from impulsa.proctoring.models import Attempt, AttemptState
from tests.e2e import axe
from tests.e2e import learning_steps as steps
from tests.e2e.conftest import screenshot
from tests.learning_builders import build_course, enroll

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_student_takes_a_course_quiz_twice_on_a_phone(phone, live_server, world):
    built = build_course(world.designer, institution=world.national)
    enrollment = enroll(world.alice, world.student_a1, built.course)
    steps.sign_in(phone, world.student_a1)
    quiz_page = reverse(
        "player:activity",
        kwargs={"enrollment_id": enrollment.pk, "activity_key": built.quiz.key},
    )
    phone.goto(live_server.url + quiz_page)
    expect(phone.get_by_text("Este cuestionario tiene 3 preguntas.")).to_be_visible()
    axe.wait_until_checked(phone)
    phone.get_by_role("button", name="Comenzar cuestionario").click()

    expect(phone.get_by_role("button", name="Entregar cuestionario")).to_be_visible()
    phone.wait_for_load_state("load")
    axe.wait_until_checked(phone)
    connection = phone.locator("[data-exam-connection]")
    phone.get_by_role("radio", name="Verdadero").check()
    expect(connection).to_have_text(re.compile(r"^Guardado a las \d\d:\d\d\.$"))
    screenshot(phone, "quiz-answering")
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.get_by_role("button", name="Entregar cuestionario").click()

    expect(phone.get_by_text(re.compile(r"Calificación: \d+\.\d de 10"))).to_be_visible()
    expect(phone.get_by_text("Te quedan 2 intentos.")).to_be_visible()
    expect(phone.get_by_text("Incorrecto")).to_have_count(0)
    axe.wait_until_checked(phone)
    screenshot(phone, "quiz-result")
    phone.get_by_role("button", name="Intentar de nuevo").click()
    expect(phone.get_by_role("button", name="Entregar cuestionario")).to_be_visible()
    expect(phone.get_by_role("radio", name="Verdadero")).not_to_be_checked()

    attempts = Attempt.objects.filter(enrollment=enrollment).order_by("number")
    assert [a.state for a in attempts] == [AttemptState.SUBMITTED, AttemptState.IN_PROGRESS]
    phone.get_by_role("link", name="Volver al curso").click()
    expect(phone.get_by_role("link", name="Continuar cuestionario")).to_be_visible()
    expect(phone.get_by_role("link", name="Intento 1")).to_be_visible()
