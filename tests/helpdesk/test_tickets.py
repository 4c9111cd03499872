"""Tickets through the services: who gets them, what each side sees, the first
response, the pause while waiting for the user, closure, the rating and the log."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from impulsa.audit.models import AuditEntry
from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.helpdesk.models import Ticket, TicketEvent, TicketFile, TicketStatus, Tier
from impulsa.helpdesk.tickets import selectors, services
from tests.helpdesk.builders import agent_at, category, open_ticket, png

pytestmark = pytest.mark.django_db
Kind = TicketEvent.Kind


def test_campus_ticket_goes_to_its_state_agent_before_the_national_office(world):
    national = agent_at("soporte_nal", world.national)
    state = agent_at("soporte_jal", world.state_a)
    ticket = open_ticket(world.student_a1, world.campus_a1)
    assert (ticket.assigned_to, ticket.tier) == (state, Tier.STATE)
    other_state = open_ticket(world.student_b1, world.campus_b1)
    assert (other_state.assigned_to, other_state.tier) == (national, Tier.NATIONAL)


def test_the_least_busy_state_agent_gets_the_next_ticket(world):
    first, second = agent_at("soporte1", world.state_a), agent_at("soporte2", world.state_a)
    assert open_ticket(world.student_a1, world.campus_a1).assigned_to == first
    assert open_ticket(world.student_a1, world.campus_a1).assigned_to == second
    assert open_ticket(world.student_a2, world.campus_a2).assigned_to == first


def test_without_any_agent_the_ticket_waits_unassigned_in_the_queue(world):
    ticket = open_ticket(world.student_a1, world.campus_a1)
    assert ticket.assigned_to is None and ticket.status == TicketStatus.NEW
    assert list(selectors.queue(world.alice)) == [ticket]  # the campus admin reaches it


def test_a_user_files_only_under_an_institution_of_their_own(world):
    with pytest.raises(AccessDenied):
        open_ticket(world.student_a1, world.campus_a2)
    assert not Ticket.objects.exists()


def test_missing_subject_and_bad_category_are_refused_in_spanish(world):
    with pytest.raises(DomainError, match="asunto"):
        open_ticket(world.student_a1, world.campus_a1, subject="  ")
    cat = category()
    cat.is_active = False
    cat.save()
    with pytest.raises(DomainError, match="categoría"):
        open_ticket(world.student_a1, world.campus_a1)
    assert not Ticket.objects.exists()


def test_a_web_page_disguised_as_text_is_refused_and_nothing_is_written(world):
    page = SimpleUploadedFile("nota.txt", b"<html><script>alert(1)</script></html>")
    with pytest.raises(DomainError, match="página web"):
        open_ticket(world.student_a1, world.campus_a1, files=[png(), page])
    assert not Ticket.objects.exists() and not TicketFile.objects.exists()


def test_requester_agents_in_scope_and_outsiders_see_what_they_should(world):
    state_agent = agent_at("soporte_jal", world.state_a)
    sibling_agent = agent_at("soporte_zap", world.campus_a2)
    ticket = open_ticket(world.student_a1, world.campus_a1)
    assert list(selectors.tickets(world.student_a1)) == [ticket]
    assert list(selectors.tickets(state_agent)) == [ticket]
    for outsider in (sibling_agent, world.student_a2, world.charlie, world.teacher_a1):
        assert not selectors.tickets(outsider).exists()


def test_an_internal_note_reaches_support_only(world):
    agent = agent_at("soporte_jal", world.state_a)
    ticket = open_ticket(world.student_a1, world.campus_a1)
    services.reply(actor=agent, ticket=ticket, body="Cuenta bloqueada", internal=True,
                   files=[png("bloqueo.png")])  # fmt: skip
    assert [m.body for m in selectors.messages_for(world.student_a1, ticket)] == [
        "Me dice que mi contraseña es incorrecta."
    ]
    assert len(selectors.messages_for(agent, ticket)) == 2
    note_file = TicketFile.objects.get(message__internal=True)
    assert not selectors.files(world.student_a1).filter(pk=note_file.pk).exists()
    assert selectors.files(agent).filter(pk=note_file.pk).exists()
    with pytest.raises(AccessDenied):
        services.reply(actor=world.student_a1, ticket=ticket, body="x", internal=True)


def test_first_response_is_the_first_public_reply_of_support(world):
    agent = agent_at("soporte_jal", world.state_a)
    ticket = open_ticket(world.student_a1, world.campus_a1)
    services.reply(actor=agent, ticket=ticket, body="Nota", internal=True)
    services.reply(actor=world.student_a1, ticket=ticket, body="¿Alguien?")
    ticket.refresh_from_db()
    assert ticket.first_response_at is None
    message = services.reply(actor=agent, ticket=ticket, body="Hola, ya lo revisamos.")
    ticket.refresh_from_db()
    assert ticket.first_response_at == message.created_at
    assert ticket.status == TicketStatus.OPEN


def test_waiting_for_the_user_pauses_until_they_answer(world):
    agent = agent_at("soporte_jal", world.state_a)
    ticket = open_ticket(world.student_a1, world.campus_a1)
    services.reply(actor=agent, ticket=ticket, body="¿Qué navegador usas?", wait_for_user=True)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.WAITING
    services.reply(actor=world.student_a1, ticket=ticket, body="Chrome en Android")
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.OPEN
    kinds = list(ticket.events.values_list("kind", flat=True))
    assert kinds == [Kind.OPENED, Kind.ASSIGNED, Kind.REPLIED, Kind.WAITING,
                     Kind.USER_REPLIED, Kind.RESUMED]  # fmt: skip


def test_only_an_agent_reaching_the_campus_can_be_assigned(world):
    agent = agent_at("soporte_jal", world.state_a)
    national = agent_at("soporte_nal", world.national)
    elsewhere = agent_at("soporte_mex", world.state_b)
    ticket = open_ticket(world.student_a1, world.campus_a1)
    with pytest.raises(DomainError, match="agente"):
        services.assign(actor=agent, ticket=ticket, agent=elsewhere)
    with pytest.raises(DomainError):
        services.assign(actor=agent, ticket=ticket, agent=world.teacher_a1)
    services.assign(actor=agent, ticket=ticket, agent=national)
    ticket.refresh_from_db()
    assert ticket.assigned_to == national
    with pytest.raises(AccessDenied):
        services.assign(actor=world.student_a1, ticket=ticket, agent=agent)


def test_rating_comes_after_closure_once_and_from_the_requester(world):
    agent = agent_at("soporte_jal", world.state_a)
    ticket = open_ticket(world.student_a1, world.campus_a1)
    with pytest.raises(Conflict, match="cerrada"):
        services.rate_ticket(actor=world.student_a1, ticket=ticket, rating=5)
    services.close_ticket(actor=agent, ticket=ticket)
    with pytest.raises(AccessDenied):
        services.rate_ticket(actor=agent, ticket=ticket, rating=5)
    with pytest.raises(DomainError, match="1 al 5"):
        services.rate_ticket(actor=world.student_a1, ticket=ticket, rating=9)
    services.rate_ticket(actor=world.student_a1, ticket=ticket, rating=4, comment="Bien")
    with pytest.raises(Conflict, match="Ya calificaste"):
        services.rate_ticket(actor=world.student_a1, ticket=ticket, rating=1)
    with pytest.raises(Conflict, match="cerrada"):
        services.reply(actor=world.student_a1, ticket=ticket, body="Otra cosa")
    assert ticket.satisfaction.rating == 4


def test_ticket_changes_are_audited_under_its_campus(world):
    agent = agent_at("soporte_jal", world.state_a)
    ticket = open_ticket(world.student_a1, world.campus_a1)
    services.close_ticket(actor=agent, ticket=ticket)
    entries = AuditEntry.objects.filter(object_pk=str(ticket.pk), content_type__model="ticket")
    assert entries.filter(institution=world.campus_a1).count() >= 2
    assert entries.filter(changes__icontains="closed").exists()


def test_canned_responses_belong_to_a_node_the_agent_reaches(world):
    agent = agent_at("soporte_a1", world.campus_a1)
    with pytest.raises(AccessDenied):
        services.create_canned_response(
            actor=agent, institution=world.campus_a2, title="Hola", body="Texto"
        )
    national = agent_at("soporte_nal", world.national)
    mine = services.create_canned_response(
        actor=national, institution=world.national, title="Para todos", body="Texto"
    )
    assert list(selectors.canned_responses(agent)) == [mine]  # a national answer serves A1
    assert not selectors.canned_responses(world.student_a1).exists()
