"""The help desk on phones: a student asks for help with a screenshot and finds the
ticket in «Mis solicitudes»; the state's support agent finds it in the queue on their
home, leaves an internal note, answers with a canned response and waits for the
student; the student answers (never seeing the note), the agent closes the ticket and
the student rates the attention. An agent of another state never reaches it."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from impulsa.helpdesk.models import Ticket, TicketStatus
from impulsa.helpdesk.tickets import services
from impulsa.org.roles import Role
from tests.e2e import axe
from tests.e2e import learning_steps as steps
from tests.e2e.conftest import screenshot
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tests.helpdesk.builders import category

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SUBJECT = "No puedo ver mi calificación del parcial"


def _person(username, institution, role, first, last):
    user = UserFactory(username=username, first_name=first, last_name=last)
    MembershipFactory(user=user, institution=institution, role=role)
    return user


def _sign_in(page, user):
    page.goto("/")
    page.get_by_label("Usuario o matrícula").fill(user.username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    expect(page.get_by_role("heading", name=re.compile("^Hola"))).to_be_visible()


def _capture(tmp_path):
    path = tmp_path / "captura-error.png"
    out = io.BytesIO()
    Image.new("RGB", (120, 80), (180, 20, 40)).save(out, "PNG")
    path.write_bytes(out.getvalue())
    return path


def _student_asks(page, capture):
    page.get_by_role("link", name="Pedir ayuda").first.click()
    page.get_by_label("¿Sobre qué es?").select_option(label="Exámenes")
    page.get_by_label("Prioridad").select_option(label="Alta")
    page.get_by_label("Asunto").fill(SUBJECT)
    page.get_by_label("Cuéntanos qué pasa").fill(
        "Terminé el examen parcial de Matemáticas ayer y no aparece mi calificación."
    )
    page.get_by_label(re.compile("^Capturas o archivos")).set_input_files(str(capture))
    screenshot(page, "helpdesk-01-student-asks")
    page.get_by_role("button", name="Enviar solicitud").click()
    expect(page.locator(".alert-success")).to_contain_text("Recibimos tu solicitud")
    page.get_by_role("link", name="Mis solicitudes").first.click()
    expect(page.get_by_role("link", name=re.compile(SUBJECT))).to_be_visible()
    screenshot(page, "helpdesk-02-mis-solicitudes")


def _agent_answers(page, ticket):
    page.goto("/")
    expect(page.get_by_role("heading", name="Tu cola de soporte")).to_be_visible()
    screenshot(page, "helpdesk-03-agent-home-queue")
    page.get_by_role("link", name=re.compile(SUBJECT)).first.click()
    expect(page.get_by_role("link", name="captura-error.png")).to_be_visible()
    expect(page.get_by_text(re.compile("Primera respuesta: vence el"))).to_be_visible()
    page.get_by_label("Tu mensaje").fill("Su docente aún no publica las calificaciones.")
    page.get_by_label("Nota interna (solo soporte)").check()
    page.get_by_role("button", name="Enviar").click()
    expect(page.locator(".alert-success")).to_be_visible()
    page.get_by_label("Respuesta predefinida").select_option(label="Calificaciones")
    page.get_by_label("Tu mensaje").fill("¿En qué grupo estás?")
    page.get_by_label(re.compile("^Respuesta y esperar")).check()
    page.get_by_role("button", name="Enviar").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.get_by_text("en pausa (esperando al solicitante)")).to_be_visible()
    screenshot(page, "helpdesk-04-agent-ticket")
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.WAITING and ticket.first_response_at is not None
    page.get_by_role("link", name="Cola de soporte").click()
    page.get_by_role("link", name="Esperando al solicitante").click()
    expect(page.get_by_role("cell", name=re.compile(SUBJECT))).to_be_visible()
    screenshot(page, "helpdesk-05-agent-queue")
    page.go_back()
    page.go_back()


def _student_answers_and_rates(student, agent):
    student.get_by_role("link", name=re.compile(SUBJECT)).first.click()
    expect(student.get_by_text("Las calificaciones aparecen")).to_be_visible()
    expect(student.get_by_text("aún no publica")).to_have_count(0)
    student.get_by_label("Tu mensaje").fill("Estoy en el grupo 101.")
    student.get_by_role("button", name="Enviar").click()
    expect(student.locator(".alert-success")).to_be_visible()
    agent.reload()
    agent.get_by_role("button", name="Cerrar solicitud").click()
    expect(agent.locator(".alert-success")).to_contain_text("cerrada")
    student.reload()
    student.get_by_label("5 · Excelente").check()
    student.get_by_label("Comentario (opcional)").fill("Me respondieron rápido.")
    student.get_by_role("button", name="Enviar calificación").click()
    expect(student.get_by_text("Calificaste la atención con 5 de 5")).to_be_visible()
    screenshot(student, "helpdesk-06-student-rated")


def test_a_student_gets_help_from_the_state_support_agent(browser, live_server, world, tmp_path):
    agent = _person("soporte.jalisco", world.state_a, Role.SUPPORT_AGENT, "Daniela", "Quintero")
    category("Exámenes")
    stranger = _person("soporte.mexico", world.state_b, Role.SUPPORT_AGENT, "Iván", "Mora")
    services.create_canned_response(
        actor=agent, institution=world.state_a, title="Calificaciones",
        body="Las calificaciones aparecen en «Calificaciones» cuando tu docente las publica.",
    )  # fmt: skip
    pages = {key: steps.open_phone(browser, live_server.url) for key in ("s", "a", "x")}
    try:
        _sign_in(pages["s"], world.student_a1)
        _student_asks(pages["s"], _capture(tmp_path))
        ticket = Ticket.objects.get(subject=SUBJECT)
        assert ticket.assigned_to == agent
        _sign_in(pages["a"], agent)
        _agent_answers(pages["a"], ticket)
        _student_answers_and_rates(pages["s"], pages["a"])
        _sign_in(pages["x"], stranger)
        response = pages["x"].goto(f"/ayuda/solicitudes/{ticket.pk}/")
        assert response.status == 404
        pages["x"].problems.clear()  # the refused page itself is logged as a failed load
        for page in pages.values():
            assert not page.problems, f"browser errors: {page.problems}"
            axe.finish(page)
    finally:
        for page in pages.values():
            page.context.close()
    assert ticket.satisfaction.rating == 5
