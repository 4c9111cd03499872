"""The SLA of each ticket, derived from its event log and its institution's calendar;
stored on the ticket (state, due instants) for the queue to sort and filter by, and
recomputed whole whenever a calendar changes."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.audit.api import record as audit_record
from impulsa.core.errors import DomainError
from impulsa.helpdesk.models import BusinessCalendar, Ticket, TicketStatus
from impulsa.helpdesk.models.sla import DEFAULT_CLOSES, DEFAULT_OPENS
from impulsa.helpdesk.sla.clock import Hours
from impulsa.helpdesk.sla.rules import MANAGER, RuleStatus
from impulsa.helpdesk.sla.timeline import timeline_of
from impulsa.org.api import Capability, Institution, ensure

RECOMPUTE_BATCH = 500


def calendar_for(institution) -> BusinessCalendar | None:
    """The calendar of `institution` or of the nearest institution above it."""
    calendars = BusinessCalendar.objects.filter(
        institution_id__in=institution.ancestor_ids
    ).select_related("institution")
    return max(calendars, key=lambda c: len(c.institution.path), default=None)


def hours_for(institution) -> Hours:
    calendar = calendar_for(institution)
    if calendar is None:
        return Hours(DEFAULT_OPENS, DEFAULT_CLOSES)
    return Hours(calendar.opens_at, calendar.closes_at, calendar.federal_holidays)


def evaluate(ticket: Ticket, *, now=None, hours: Hours | None = None) -> list[RuleStatus]:
    timeline = timeline_of(ticket, ticket.events.order_by("at", "pk"))
    return MANAGER.evaluate(timeline, hours or hours_for(ticket.institution), now or timezone.now())


def refresh_sla(ticket: Ticket, *, now=None, hours: Hours | None = None) -> list[RuleStatus]:
    """Recompute and store the ticket's SLA from its history."""
    statuses = evaluate(ticket, now=now, hours=hours)
    due = {s.key: s.due_at for s in statuses}
    fields = {
        "sla_state": MANAGER.overall(statuses),
        "response_due_at": due.get("first_response"),
        "resolve_due_at": due.get("resolution"),
    }
    Ticket.objects.filter(pk=ticket.pk).update(**fields)
    for name, value in fields.items():
        setattr(ticket, name, value)
    return statuses


def recompute_under(institution_id: int, *, now=None) -> int:
    """Every open ticket at or below the institution, recomputed (a calendar changed)."""
    institution = Institution.objects.get(pk=institution_id)
    open_tickets = (
        Ticket.objects.filter(institution__path__startswith=institution.path)
        .exclude(status=TicketStatus.CLOSED)
        .select_related("institution")
        .order_by("pk")
    )
    done, hours_cache = 0, {}
    for ticket in open_tickets.iterator(chunk_size=RECOMPUTE_BATCH):
        hours = hours_cache.setdefault(ticket.institution_id, hours_for(ticket.institution))
        refresh_sla(ticket, now=now, hours=hours)
        done += 1
    return done


@transaction.atomic
def save_calendar(
    *, actor, institution, opens_at: datetime.time, closes_at: datetime.time,
    federal_holidays: bool = True,
) -> BusinessCalendar:  # fmt: skip
    """Set the support hours of `institution` (and those below it without their own);
    every open ticket there is recomputed from its history once this commits."""
    ensure(actor, Capability.MANAGE_STRUCTURE, institution)
    if opens_at is None or closes_at is None or opens_at >= closes_at:
        raise DomainError(
            _("La hora de apertura debe ser antes que la de cierre."), field="opens_at"
        )
    calendar, _created = BusinessCalendar.objects.update_or_create(
        institution=institution,
        defaults={
            "opens_at": opens_at,
            "closes_at": closes_at,
            "federal_holidays": federal_holidays,
        },
    )
    audit_record(actor=actor, instance=calendar, event="helpdesk.calendar_saved")
    from impulsa.helpdesk.tasks import recompute_sla

    transaction.on_commit(lambda: recompute_sla.delay(institution.pk))
    return calendar
