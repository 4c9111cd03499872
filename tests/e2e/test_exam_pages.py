"""The exam pages staff use, on a phone: a designer's exam set-up, a teacher's session
form, session page and grades; each fits 360 px (no sideways scrolling) and passes axe."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from impulsa.proctoring.taking import services
from tests.e2e import axe
from tests.e2e import learning_steps as steps
from tests.e2e.conftest import screenshot
from tests.exam_builders import build_exam, client

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _fits(page, name: str) -> None:
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    screenshot(page, name)
    assert width <= 360, f"{name}: the page is {width} px wide on a 360 px phone"


def test_exam_staff_pages_fit_a_phone(phone, browser, live_server, world):
    exam = build_exam(
        world.designer, institution=world.national, staff=world.alice,
        student=world.student_a1, campus=world.campus_a1,
    )  # fmt: skip
    attempt = services.start_attempt(actor=world.student_a1, session=exam.session, client=client())
    services.submit(actor=world.student_a1, attempt_id=attempt.pk, client=client())

    steps.sign_in(phone, world.teacher_a1)
    for url, heading, name in (
        (reverse("proctor:sessions"), "Sesiones de examen", "exam-sessions"),
        (reverse("proctor:session_create"), "Programar sesión", "exam-session-form"),
        (reverse("proctor:session", args=[exam.session.pk]), "Parcial 1", "exam-session"),
        (
            reverse("proctor:attempt", args=[attempt.pk]),
            world.student_a1.get_full_name(),
            "exam-attempt",
        ),
        (reverse("grades:sheets"), "Calificaciones", "grades"),
        (
            reverse("grades:group", args=[world.group_a1.pk, exam.course.pk]),
            "Grupo 101",
            "grades-group",
        ),
    ):
        phone.goto(url)
        expect(phone.get_by_role("heading", level=1)).to_contain_text(heading)
        _fits(phone, name)
    steps.sign_out(phone)

    designer = steps.open_phone(browser, live_server.url)
    try:
        steps.sign_in(designer, world.designer)
        designer.goto(reverse("authoring:course_detail", args=[exam.course.pk]))
        designer.get_by_role("link", name="Configurar examen").click()
        expect(designer.get_by_role("heading", level=1)).to_contain_text("Configurar examen")
        _fits(designer, "exam-setup")
        designer.get_by_label("Preguntas a sacar").fill("500")
        designer.get_by_role("button", name="Agregar grupo").click()
        # The error sits under the field, which names it (aria-describedby).
        expect(designer.get_by_label("Preguntas a sacar")).to_have_accessible_description(
            re.compile("menor o igual a 100")
        )
        axe.finish(designer)
    finally:
        designer.context.close()
