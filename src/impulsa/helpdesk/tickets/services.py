"""Every write on a ticket, each in a transaction, the ticket row locked; each step
appends to the ticket's event log (the SLA clock reads it) and tracked fields are
audited (registry.py)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.audit.api import record as audit_record
from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.core.uploads import check_upload, safe_name
from impulsa.helpdesk.models import (
    CannedResponse,
    Category,
    Priority,
    Satisfaction,
    Ticket,
    TicketEvent,
    TicketFile,
    TicketMessage,
    TicketStatus,
)
from impulsa.helpdesk.sla.services import refresh_sla
from impulsa.helpdesk.tickets import routing
from impulsa.helpdesk.tickets.selectors import HANDLE, handles, requester_institutions
from impulsa.org.api import ensure

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
MAX_BODY = 10_000

Kind = TicketEvent.Kind


def record_event(ticket: Ticket, kind: str, actor=None, *, at=None, **data) -> TicketEvent:
    return TicketEvent.objects.create(
        ticket=ticket, kind=kind, actor=actor, at=at or timezone.now(), data=data
    )


def _text(value: str, *, field: str, missing: str, limit: int = MAX_BODY) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(missing, field=field)
    if len(value) > limit:
        raise DomainError(
            _("El texto es demasiado largo (máximo %(n)s caracteres).") % {"n": limit},
            field=field,
        )
    return value


def _checked_files(files) -> list:
    files = list(files or ())
    if len(files) > MAX_FILES:
        raise DomainError(
            _("Puedes adjuntar hasta %(n)s archivos por mensaje.") % {"n": MAX_FILES},
            field="files",
        )
    return [(f, check_upload(f, max_bytes=MAX_FILE_BYTES, field="files")) for f in files]


def _add_message(ticket, author, body, *, internal=False, files=()) -> TicketMessage:
    message = TicketMessage.objects.create(
        ticket=ticket, author=author, body=body, internal=internal
    )
    for upload, file_type in files:
        row = TicketFile(message=message, name=(upload.name or "archivo")[:200])
        row.file.save(safe_name(upload.name, file_type), upload, save=True)
    return message


@transaction.atomic
def open_ticket(
    *, actor, institution, category: Category, priority: str, subject: str, body: str, files=()
) -> Ticket:
    """A signed-in user asks for help, under one of the institutions they belong to."""
    if institution is None or institution.pk not in {i.pk for i in requester_institutions(actor)}:
        raise AccessDenied(
            _("Solo puedes abrir solicitudes en una institución a la que perteneces.")
        )
    if category is None or not category.is_active:
        raise DomainError(_("Elige una categoría."), field="category")
    if priority not in Priority.values:
        raise DomainError(_("Elige la prioridad."), field="priority")
    subject = _text(subject, field="subject", missing=_("Escribe el asunto."), limit=150)
    body = _text(body, field="body", missing=_("Cuéntanos qué necesitas."))
    checked = _checked_files(files)
    ticket = Ticket.objects.create(
        institution=institution, requester=actor, category=category, priority=priority,
        subject=subject,
    )  # fmt: skip
    _add_message(ticket, actor, body, files=checked)
    record_event(ticket, Kind.OPENED, actor, at=ticket.created_at)
    agent, tier = routing.choose_agent(institution)
    ticket.assigned_to, ticket.tier = agent, tier
    ticket.save(update_fields=["assigned_to", "tier"])
    if agent is not None:
        record_event(ticket, Kind.ASSIGNED, None, agent=agent.pk, tier=tier)
    refresh_sla(ticket)
    audit_record(actor=actor, instance=ticket, event="helpdesk.opened")
    return ticket


def _lock(ticket: Ticket) -> Ticket:
    ticket = (
        Ticket.objects.select_for_update(of=("self",))
        .select_related("institution", "requester")
        .get(pk=ticket.pk)
    )
    if ticket.is_closed:
        raise Conflict(_("La solicitud ya está cerrada; si necesitas algo más, abre una nueva."))
    return ticket


def _ensure_handler(actor, ticket) -> None:
    if not handles(actor, ticket):
        raise AccessDenied(_("Solo el personal de soporte puede hacer esto."))


def _ensure_party(actor, ticket) -> None:
    if ticket.requester_id != actor.pk and not handles(actor, ticket):
        raise AccessDenied(_("Esta solicitud no es tuya."))


@transaction.atomic
def reply(*, actor, ticket: Ticket, body: str, internal=False, wait_for_user=False, files=()):
    """A message on the ticket. From support: the first public one is the first
    response; `wait_for_user` pauses the clock until the requester answers. From the
    requester: a paused ticket resumes."""
    ticket = _lock(ticket)
    _ensure_party(actor, ticket)
    body = _text(body, field="body", missing=_("Escribe tu mensaje."))
    checked = _checked_files(files)
    as_support = ticket.requester_id != actor.pk
    if (internal or wait_for_user) and not as_support:
        raise AccessDenied(_("Solo el personal de soporte puede hacer esto."))
    message = _add_message(ticket, actor, body, internal=internal, files=checked)
    if internal:
        record_event(ticket, Kind.NOTE, actor, message=message.pk)
        return message
    now = message.created_at
    if as_support:
        record_event(ticket, Kind.REPLIED, actor, at=now, message=message.pk)
        if ticket.first_response_at is None:
            ticket.first_response_at = now
        if wait_for_user:
            record_event(ticket, Kind.WAITING, actor, at=now)
        ticket.status = TicketStatus.WAITING if wait_for_user else TicketStatus.OPEN
    else:
        record_event(ticket, Kind.USER_REPLIED, actor, at=now, message=message.pk)
        if ticket.status == TicketStatus.WAITING:
            record_event(ticket, Kind.RESUMED, actor, at=now)
            ticket.status = TicketStatus.OPEN
    ticket.save(update_fields=["status", "first_response_at", "updated_at"])
    refresh_sla(ticket)
    return message


@transaction.atomic
def assign(*, actor, ticket: Ticket, agent) -> Ticket:
    ticket = _lock(ticket)
    _ensure_handler(actor, ticket)
    if agent is None or not routing.is_agent_for(agent, ticket.institution):
        raise DomainError(
            _("Asigna la solicitud a un agente de soporte de su plantel, su estado o nacional."),
            field="agent",
        )
    ticket.assigned_to = agent
    if ticket.status == TicketStatus.NEW:
        ticket.status = TicketStatus.OPEN
    ticket.save(update_fields=["assigned_to", "status", "updated_at"])
    record_event(ticket, Kind.ASSIGNED, actor, agent=agent.pk, tier=ticket.tier)
    return ticket


@transaction.atomic
def close_ticket(*, actor, ticket: Ticket) -> Ticket:
    """Support or the requester closes it; the requester is then asked to rate it."""
    ticket = _lock(ticket)
    _ensure_party(actor, ticket)
    ticket.status, ticket.closed_at = TicketStatus.CLOSED, timezone.now()
    ticket.save(update_fields=["status", "closed_at", "updated_at"])
    record_event(ticket, Kind.CLOSED, actor, at=ticket.closed_at)
    refresh_sla(ticket)
    return ticket


@transaction.atomic
def rate_ticket(*, actor, ticket: Ticket, rating: int, comment: str = "") -> Satisfaction:
    ticket = Ticket.objects.select_for_update(of=("self",)).get(pk=ticket.pk)
    if ticket.requester_id != actor.pk:
        raise AccessDenied(_("Solo quien abrió la solicitud la califica."))
    if not ticket.is_closed:
        raise Conflict(_("Podrás calificar la atención cuando la solicitud esté cerrada."))
    if Satisfaction.objects.filter(ticket=ticket).exists():
        raise Conflict(_("Ya calificaste esta solicitud. ¡Gracias!"))
    if rating not in range(1, 6):
        raise DomainError(_("Elige una calificación del 1 al 5."), field="rating")
    comment = (comment or "").strip()[:2000]
    satisfaction = Satisfaction.objects.create(ticket=ticket, rating=rating, comment=comment)
    record_event(ticket, Kind.RATED, actor, rating=rating)
    return satisfaction


@transaction.atomic
def create_canned_response(*, actor, institution, title: str, body: str) -> CannedResponse:
    ensure(actor, HANDLE, institution)
    title = _text(title, field="title", missing=_("Escribe un título."), limit=120)
    body = _text(body, field="body", missing=_("Escribe el texto de la respuesta."))
    return CannedResponse.objects.create(
        institution=institution, title=title, body=body, created_by=actor
    )


@transaction.atomic
def delete_canned_response(*, actor, response: CannedResponse) -> None:
    ensure(actor, HANDLE, response.institution)
    audit_record(actor=actor, instance=response, event="helpdesk.canned_deleted")
    response.delete()
