"""The SLA in business hours: Mexican federal holidays and weekends do not count, the
clock pauses while support waits for the requester, a calendar change recomputes the
open tickets from their history, and beat's check warns and then escalates."""

import datetime

import pytest
from django.core import mail

from impulsa.celery import app as celery_app
from impulsa.core.errors import AccessDenied, DomainError
from impulsa.helpdesk.models import Ticket, TicketEvent, Tier
from impulsa.helpdesk.sla import services as sla
from impulsa.helpdesk.sla.clock import MEXICO_CITY, Hours, add_business_seconds, business_seconds
from impulsa.helpdesk.sla.deadlines import check_deadlines
from impulsa.helpdesk.sla.rules import State
from impulsa.helpdesk.tickets import services
from tests.helpdesk.builders import agent_at, open_ticket

pytestmark = pytest.mark.django_db
HOURS = Hours(datetime.time(8), datetime.time(17))
Kind = TicketEvent.Kind


def at(*args):
    return datetime.datetime(*args, tzinfo=MEXICO_CITY)


def test_revolution_day_2026_is_a_federal_holiday_and_does_not_count():
    # Friday 13 Nov 2026, 16:00: one hour left that day; Monday 16 Nov is Día de la
    # Revolución (third Monday of November); the other 7 hours fall on Tuesday.
    assert add_business_seconds(HOURS, at(2026, 11, 13, 16), 8 * 3600) == at(2026, 11, 17, 15)
    assert business_seconds(HOURS, at(2026, 11, 13, 16), at(2026, 11, 17, 9)) == 2 * 3600
    working_holiday = Hours(datetime.time(8), datetime.time(17), federal_holidays=False)
    assert add_business_seconds(working_holiday, at(2026, 11, 13, 16), 8 * 3600) == at(
        2026, 11, 16, 15
    )


def test_constitution_day_2027_falls_on_the_first_monday_of_february():
    assert add_business_seconds(HOURS, at(2027, 1, 29, 12), 9 * 3600) == at(2027, 2, 2, 12)


def test_nights_and_weekends_do_not_count():
    assert business_seconds(HOURS, at(2026, 12, 4, 18), at(2026, 12, 7, 8)) == 0
    assert business_seconds(HOURS, at(2026, 12, 4, 16, 30), at(2026, 12, 7, 8, 30)) == 3600


def _backdate(ticket, opened):
    """The ticket as if opened at `opened` (its history moves with it)."""
    shift = opened - ticket.created_at
    Ticket.objects.filter(pk=ticket.pk).update(created_at=opened)
    for event in ticket.events.all():
        TicketEvent.objects.filter(pk=event.pk).update(at=event.at + shift)
    ticket.refresh_from_db()


def _statuses(ticket, now):
    return {s.key: s for s in sla.evaluate(ticket, now=now)}


def test_first_response_due_skips_the_holiday_and_breaches_after_it(world):
    agent_at("soporte_jal", world.state_a)
    ticket = open_ticket(world.student_a1, world.campus_a1)
    _backdate(ticket, at(2026, 11, 13, 16))
    on_holiday = _statuses(ticket, at(2026, 11, 16, 16))["first_response"]
    assert (on_holiday.state, on_holiday.elapsed) == (State.RUNNING, 3600)
    assert on_holiday.due_at == at(2026, 11, 17, 15)
    assert _statuses(ticket, at(2026, 11, 17, 14))["first_response"].state == State.WARNING
    assert _statuses(ticket, at(2026, 11, 17, 15, 1))["first_response"].state == State.BREACHED


def test_waiting_for_the_user_pauses_the_resolution_clock(world):
    agent = agent_at("soporte_jal", world.state_a)
    ticket = open_ticket(world.student_a1, world.campus_a1)
    services.reply(actor=agent, ticket=ticket, body="¿Qué navegador?", wait_for_user=True)
    _backdate(ticket, at(2026, 12, 1, 9))  # Tuesday; answered and paused at once
    paused = _statuses(ticket, at(2026, 12, 3, 12))
    assert paused["first_response"].state == State.MET
    assert (paused["resolution"].state, paused["resolution"].elapsed) == (State.PAUSED, 0)
    services.reply(actor=world.student_a1, ticket=ticket, body="Chrome")
    resumed = TicketEvent.objects.get(ticket=ticket, kind=Kind.RESUMED)
    TicketEvent.objects.filter(ticket=ticket, kind__in=[Kind.RESUMED, Kind.USER_REPLIED]).update(
        at=at(2026, 12, 3, 12)
    )
    running = _statuses(ticket, at(2026, 12, 3, 14))["resolution"]
    assert resumed and (running.state, running.elapsed) == (State.RUNNING, 2 * 3600)
    # 40 business hours for a normal ticket from Thursday 12:00: 5 + 9 + 9 + 9 + 8.
    assert running.due_at == at(2026, 12, 9, 16)


def test_a_calendar_change_recomputes_open_tickets_from_their_history(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    agent_at("soporte_jal", world.state_a)
    ticket = open_ticket(world.student_a1, world.campus_a1)
    _backdate(ticket, at(2026, 11, 13, 16))
    sla.refresh_sla(ticket, now=at(2026, 11, 13, 16))
    assert ticket.response_due_at == at(2026, 11, 17, 15)
    with django_capture_on_commit_callbacks(execute=True):
        sla.save_calendar(actor=world.state_admin_a, institution=world.state_a,
                          opens_at=datetime.time(9), closes_at=datetime.time(14))  # fmt: skip
    ticket.refresh_from_db()
    # Friday 16:00 is after 14:00: 5 hours on Tuesday 17, 3 on Wednesday 18.
    assert ticket.response_due_at == at(2026, 11, 18, 12)


def test_only_administrators_set_calendars_and_hours_must_make_sense(world):
    with pytest.raises(AccessDenied):
        sla.save_calendar(actor=world.bob, institution=world.campus_a1,
                          opens_at=datetime.time(9), closes_at=datetime.time(14))  # fmt: skip
    with pytest.raises(DomainError, match="antes que la de cierre"):
        sla.save_calendar(actor=world.alice, institution=world.campus_a1,
                          opens_at=datetime.time(15), closes_at=datetime.time(9))  # fmt: skip
    campus = sla.save_calendar(actor=world.alice, institution=world.campus_a1,
                               opens_at=datetime.time(7), closes_at=datetime.time(15))  # fmt: skip
    assert sla.calendar_for(world.campus_a1) == campus
    assert sla.calendar_for(world.campus_a2) is None


def test_beat_warns_the_agent_then_escalates_a_breach_to_the_national_office(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    state_agent = agent_at("soporte_jal", world.state_a)
    national_agent = agent_at("soporte_nal", world.national)
    ticket = open_ticket(world.student_a1, world.campus_a1)
    _backdate(ticket, at(2026, 12, 1, 9))
    with django_capture_on_commit_callbacks(execute=True):
        assert check_deadlines(now=at(2026, 12, 1, 16)) == 1  # 7 of 8 hours used
        assert check_deadlines(now=at(2026, 12, 1, 16, 30)) == 0  # warned once
    assert [m.to for m in mail.outbox] == [[state_agent.email]]
    with django_capture_on_commit_callbacks(execute=True):
        assert check_deadlines(now=at(2026, 12, 2, 10)) == 1
    ticket.refresh_from_db()
    assert (ticket.tier, ticket.assigned_to, ticket.sla_state) == (
        Tier.NATIONAL, national_agent, State.BREACHED,
    )  # fmt: skip
    assert {tuple(m.to) for m in mail.outbox[1:]} == {(state_agent.email,), (national_agent.email,)}
    assert "soporte nacional" in mail.outbox[-1].body
