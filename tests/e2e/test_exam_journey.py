"""A timed exam on a phone: the network drops and comes back and no answer is lost; a
proctor watches the session live, adds time to one attempt and invalidates another
with a reason; the student submits and reads the grade."""

import re

import pytest
from playwright.sync_api import expect

from impulsa.assessment.models import Answer
from impulsa.org.roles import Role
from impulsa.proctoring.models import Attempt, AttemptState
from impulsa.proctoring.taking import services
from tests.e2e import axe
from tests.e2e import learning_steps as steps
from tests.e2e.conftest import screenshot
from tests.exam_builders import build_exam, client
from tests.factories import MembershipFactory, StudentProfileFactory, UserFactory
from tests.learning_builders import enroll

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _second_student(world, exam):
    other = UserFactory(username="2614050", first_name="Rocío", last_name="Salas")
    MembershipFactory(user=other, institution=world.campus_a1, role=Role.STUDENT)
    StudentProfileFactory(user=other, campus=world.campus_a1, career=world.career_a1)
    enroll(world.alice, other, exam.course)
    return services.start_attempt(actor=other, session=exam.session, client=client())


def _saved_answers(exam) -> set[int]:
    return set(Answer.objects.filter(activity_key=exam.activity.key).values_list(
        "item_version_id", flat=True
    ))  # fmt: skip


def test_a_timed_exam_survives_a_dropped_network_under_a_live_proctor(
    phone, browser, live_server, world
):
    exam = build_exam(
        world.designer, institution=world.national, staff=world.alice,
        student=world.student_a1, campus=world.campus_a1,
    )  # fmt: skip
    other_attempt = _second_student(world, exam)
    single, true_false = exam.fixed

    steps.sign_in(phone, world.student_a1)
    expect(phone.get_by_role("heading", name="Tienes un examen abierto")).to_be_visible()
    phone.get_by_role("link", name="Parcial 1").click()
    phone.get_by_role("button", name="Comenzar").click()
    expect(phone.get_by_role("button", name="Entregar examen")).to_be_visible()
    phone.wait_for_load_state("load")
    axe.wait_until_checked(phone)
    connection = phone.locator("[data-exam-connection]")

    phone.locator(f"#i{true_false}-form").get_by_label("Verdadero").check()
    expect(connection).to_have_text(re.compile(r"^Guardado a las \d\d:\d\d\.$"))
    assert _saved_answers(exam) == {true_false}

    phone.context.set_offline(True)
    phone.locator(f"#i{single}-form").get_by_role("radio", name="3/4").check()
    expect(connection).to_have_text("Sin conexión: se guardará al volver.")
    assert _saved_answers(exam) == {true_false}
    screenshot(phone, "exam-offline")
    phone.context.set_offline(False)
    expect(connection).to_have_text(re.compile(r"^Guardado a las"), timeout=30_000)
    assert _saved_answers(exam) == {true_false, single}

    proctor_user = UserFactory(username="supervisora", first_name="Elena", last_name="Ruiz")
    MembershipFactory(user=proctor_user, institution=world.campus_a1, role=Role.PROCTOR)
    proctor = steps.open_phone(browser, live_server.url)
    try:
        steps.sign_in(proctor, proctor_user)
        expect(proctor.get_by_role("heading", name="Exámenes de hoy")).to_be_visible()
        proctor.get_by_role("link", name="Parcial 1").click()
        live = proctor.locator("#live")
        expect(live).to_contain_text(world.student_a1.get_full_name())
        expect(live).to_contain_text("2 de 4")
        expect(live).to_contain_text("Conectado")
        screenshot(proctor, "exam-live")

        live.get_by_role("link", name=world.student_a1.get_full_name()).click()
        proctor.get_by_label("Minutos a agregar").fill("10")
        proctor.get_by_label("Motivo (opcional)").fill("Se fue la luz en el salón")
        proctor.get_by_role("button", name="Agregar tiempo").click()
        expect(proctor.get_by_text(re.compile("agregó 10 min"))).to_be_visible()

        proctor.go_back()
        proctor.go_back()
        proctor.reload()
        proctor.locator("#live").get_by_role("link", name="Rocío Salas").click()
        proctor.get_by_label("Motivo para anular").fill("Usó el celular durante el examen")
        proctor.once("dialog", lambda dialog: dialog.accept())
        proctor.get_by_role("button", name="Anular intento").click()
        expect(proctor.get_by_text(re.compile("anuló el intento: Usó el celular"))).to_be_visible()
        axe.finish(proctor)
    finally:
        proctor.context.close()
    other_attempt.refresh_from_db()
    assert other_attempt.state == AttemptState.INVALIDATED

    # The added time reaches the student's clock: 30 minutes plus 10.
    phone.reload()
    expect(phone.locator("[data-exam-clock]")).to_have_text(re.compile(r"^(39|40):\d\d$"))
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.get_by_role("button", name="Entregar examen").click()
    expect(phone.get_by_text("Calificación: 5.0 de 10")).to_be_visible()
    attempt = Attempt.objects.get(enrollment__student=world.student_a1)
    assert attempt.state == AttemptState.SUBMITTED and attempt.grade == 5
    screenshot(phone, "exam-result")
