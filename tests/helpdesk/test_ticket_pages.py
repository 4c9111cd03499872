"""The help desk's pages: a student asks for help and follows it in «Mis solicitudes»;
an agent's home is their queue; files come down as attachments to whoever may read
them; lists cost the same queries for one row as for many."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from impulsa.helpdesk.models import Ticket, TicketFile, TicketStatus
from impulsa.helpdesk.tickets import services
from impulsa.helpdesk.tickets.views import PAGE_SIZE
from tests.helpdesk.builders import agent_at, category, open_ticket, png

pytestmark = pytest.mark.django_db


def test_a_student_opens_a_ticket_with_a_screenshot_and_sees_it_in_mis_solicitudes(login, world):
    agent = agent_at("soporte_jal", world.state_a)
    client = login(world.student_a1)
    response = client.post(
        reverse("helpdesk:ticket_new"),
        {"institution": world.campus_a1.pk, "category": category().pk, "priority": "high",
         "subject": "No veo mi curso", "body": "Desde ayer no aparece mi curso.",
         "files": [png()]},
    )  # fmt: skip
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and ticket.assigned_to == agent
    page = client.get(reverse("helpdesk:home")).content.decode()
    assert "No veo mi curso" in page and "Nueva" in page
    detail = client.get(reverse("helpdesk:ticket", args=[ticket.pk])).content.decode()
    assert "captura.png" in detail and "Nota interna" not in detail


def test_the_new_ticket_form_shows_a_spanish_error_and_writes_nothing(login, world):
    client = login(world.student_a1)
    response = client.post(
        reverse("helpdesk:ticket_new"),
        {"institution": world.campus_a1.pk, "category": category().pk, "priority": "normal",
         "subject": "Archivo", "body": "Adjunto",
         "files": [png("raro.exe")]},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Ese tipo de archivo no se acepta" in response.content.decode()
    assert not Ticket.objects.exists()


def test_an_agent_answers_with_a_canned_response_and_the_requester_reads_it(login, world):
    agent = agent_at("soporte_jal", world.state_a)
    canned = services.create_canned_response(
        actor=agent, institution=world.state_a, title="Contraseña", body="Usa «¿Olvidaste…?»."
    )
    ticket = open_ticket(world.student_a1, world.campus_a1)
    client = login(agent)
    response = client.post(
        reverse("helpdesk:ticket", args=[ticket.pk]),
        {"canned": canned.pk, "body": "Saludos.", "mode": "wait"},
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.WAITING
    page = login(world.student_a1).get(reverse("helpdesk:ticket", args=[ticket.pk]))
    assert "Usa «¿Olvidaste…?».<br><br>Saludos." in page.content.decode()


def test_a_note_file_is_downloaded_by_support_and_hidden_from_others(login, world):
    agent = agent_at("soporte_jal", world.state_a)
    ticket = open_ticket(world.student_a1, world.campus_a1)
    services.reply(actor=agent, ticket=ticket, body="Log", internal=True,
                   files=[png("registro.png")])  # fmt: skip
    url = reverse("helpdesk:ticket_file", args=[TicketFile.objects.get().pk])
    assert login(world.student_a1).get(url).status_code == 404
    assert login(agent_at("soporte_mex", world.state_b)).get(url).status_code == 404
    response = login(agent).get(url)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"


def test_a_document_comes_down_as_an_attachment_with_its_bytes(login, world):
    content = b"matricula,nombre\n2614001,Ana\n"
    ticket = open_ticket(
        world.student_a1, world.campus_a1, files=[SimpleUploadedFile("datos.csv", content)]
    )
    row = TicketFile.objects.get(message__ticket=ticket)
    download = login(world.student_a1).get(reverse("helpdesk:ticket_file", args=[row.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Type"] == "text/csv"
    assert b"".join(download.streaming_content) == content


def test_an_agents_home_is_their_queue_and_a_students_home_lists_their_tickets(login, world):
    agent = agent_at("soporte_jal", world.state_a)
    ticket = open_ticket(world.student_a1, world.campus_a1, subject="Sin acceso a Dual")
    agent_home = login(agent).get(reverse("home")).content.decode()
    assert "Tu cola de soporte" in agent_home and "Sin acceso a Dual" in agent_home
    assert "Lo que verás aquí" not in agent_home  # no longer a role waiting for its module
    student_home = login(world.student_a1).get(reverse("home")).content.decode()
    assert "Mis solicitudes" in student_home and f"#{ticket.pk}" in student_home
    assert "Tu cola de soporte" not in student_home


def test_the_student_closes_and_rates_through_the_page(login, world):
    ticket = open_ticket(world.student_a1, world.campus_a1)
    client = login(world.student_a1)
    client.post(reverse("helpdesk:ticket_close", args=[ticket.pk]))
    client.post(
        reverse("helpdesk:ticket_rate", args=[ticket.pk]), {"rating": 5, "comment": "Gracias"}
    )
    page = client.get(reverse("helpdesk:ticket", args=[ticket.pk])).content.decode()
    assert "Calificaste la atención con 5 de 5" in page


def test_queue_and_lists_cost_the_same_queries_for_many_rows(
    login, world, django_assert_max_num_queries
):
    agent = agent_at("soporte_jal", world.state_a)
    open_ticket(world.student_a1, world.campus_a1)
    client = login(agent)
    urls = [reverse("helpdesk:queue") + f"?vista={v}" for v in ("mias", "todas")]
    urls += [reverse("home"), reverse("helpdesk:canned")]
    for url in urls:
        client.get(url)  # warm the per-process caches
    with django_assert_max_num_queries(20) as one:
        for url in urls:
            assert client.get(url).status_code == 200
    few = len(one)  # read now: the next request resets the connection's log
    for n in range(PAGE_SIZE):
        open_ticket(world.student_a2 if n % 2 else world.student_a1,
                    world.campus_a2 if n % 2 else world.campus_a1, subject=f"Caso {n}")  # fmt: skip
    with django_assert_max_num_queries(few):
        for url in urls:
            assert client.get(url).status_code == 200
    student = login(world.student_a1)
    student.get(reverse("helpdesk:home"))
    with django_assert_max_num_queries(8):
        assert student.get(reverse("helpdesk:home")).status_code == 200


def test_the_queue_charts_open_tickets_by_deadline_and_shows_satisfaction(login, world):
    agent = agent_at("soporte_jal", world.state_a)
    open_ticket(world.student_a1, world.campus_a1)
    waiting = open_ticket(world.student_a1, world.campus_a1, subject="Espera")
    services.reply(actor=agent, ticket=waiting, body="¿Cuál navegador?", wait_for_user=True)
    rated = open_ticket(world.student_a2, world.campus_a2, subject="Resuelta")
    services.close_ticket(actor=agent, ticket=rated)
    services.rate_ticket(actor=world.student_a2, ticket=rated, rating=4)
    page = login(agent).get(reverse("helpdesk:queue")).content.decode()
    assert '<th scope="row">En plazo</th><td>1</td>' in page
    assert '<th scope="row">En pausa</th><td>1</td>' in page
    assert "4.0" in page or "4,0" in page
    outsider = login(agent_at("soporte_mex", world.state_b)).get(reverse("helpdesk:queue"))
    assert "Aún no hay calificaciones" in outsider.content.decode()
