"""Breach warnings and escalation, run by Celery beat (helpdesk.check_sla): a rule past
75 % of its time warns the assigned agent once; a breached ticket still with its state's
agents climbs to the national office (a national agent is assigned) and both sides are
told. Each ticket in its own transaction, skipped while another worker holds it."""

from django.db import transaction
from django.utils.translation import gettext as _

from impulsa.helpdesk.mail import mail_later, ticket_link
from impulsa.helpdesk.models import Ticket, TicketEvent, TicketStatus, Tier
from impulsa.helpdesk.sla.rules import State
from impulsa.helpdesk.sla.services import refresh_sla
from impulsa.helpdesk.tickets import routing
from impulsa.helpdesk.tickets.services import record_event

Kind = TicketEvent.Kind
MAX_PER_RUN = 500


def check_deadlines(*, now) -> int:
    """Refresh every open ticket's SLA at `now`; warn and escalate. Returns how many
    tickets were warned or escalated."""
    acted = 0
    pending = (
        Ticket.objects.exclude(status=TicketStatus.CLOSED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in list(pending[:MAX_PER_RUN]):
        with transaction.atomic():
            ticket = (
                Ticket.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("institution", "assigned_to", "requester")
                .exclude(status=TicketStatus.CLOSED)
                .filter(pk=pk)
                .first()
            )
            if ticket is not None:
                acted += _act_on(ticket, refresh_sla(ticket, now=now), now)
    return acted


def _act_on(ticket, statuses, now) -> int:
    done = {
        (e.kind, e.data.get("rule"))
        for e in ticket.events.filter(kind__in=[Kind.WARNED, Kind.ESCALATED])
    }
    acted = 0
    for status in statuses:
        if status.state == State.WARNING and (Kind.WARNED, status.key) not in done:
            record_event(ticket, Kind.WARNED, None, at=now, rule=status.key)
            text = _("%(rule)s de «%(subject)s» vence pronto.") % {
                "rule": status.label,
                "subject": ticket.subject,
            }
            mail_later(
                [ticket.assigned_to],
                subject=_("Plazo por vencer: solicitud #%(n)s") % {"n": ticket.pk},
                text=f"{text}\n\n{ticket_link(ticket)}",
            )
            acted += 1
        elif status.state == State.BREACHED and ticket.tier == Tier.STATE:
            _escalate(ticket, status, now)
            acted += 1
    return acted


def _escalate(ticket, status, now) -> None:
    previous = ticket.assigned_to
    agent, _tier = routing.choose_agent(ticket.institution, from_tier=Tier.NATIONAL)
    ticket.tier = Tier.NATIONAL
    ticket.assigned_to = agent or previous
    ticket.save(update_fields=["tier", "assigned_to", "updated_at"])
    record_event(
        ticket, Kind.ESCALATED, None, at=now, rule=status.key, agent=getattr(agent, "pk", None)
    )
    text = _(
        "La solicitud #%(n)s («%(subject)s») superó su plazo de %(rule)s y pasó a soporte nacional."
    ) % {"n": ticket.pk, "subject": ticket.subject, "rule": status.label.lower()}
    mail_later(
        [agent, previous],
        subject=_("Solicitud escalada: #%(n)s") % {"n": ticket.pk},
        text=f"{text}\n\n{ticket_link(ticket)}",
    )
