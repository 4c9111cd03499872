"""Ticket pages: the requester's «Mis solicitudes», a new ticket, one ticket's
conversation (with support's tools), the agents' queue and file downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from impulsa.accounts.api import User
from impulsa.core.errors import AccessDenied, DomainError
from impulsa.core.forms import attempt
from impulsa.core.storage import private_file_response
from impulsa.helpdesk.models import TicketStatus
from impulsa.helpdesk.sla.services import evaluate as evaluate_sla
from impulsa.helpdesk.tickets import selectors, services
from impulsa.helpdesk.tickets.forms import (
    AssignForm,
    RatingForm,
    ReplyForm,
    SupportReplyForm,
    TicketForm,
)
from impulsa.helpdesk.tickets.summary import summary
from impulsa.org.api import Role

PAGE_SIZE = 25


def page_of(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
@require_safe
def my_tickets(request):
    handles_any = bool(selectors.handled_institutions(request.user))
    return render(
        request,
        "helpdesk/my_tickets.html",
        {"page": page_of(request, selectors.my_tickets(request.user)), "agent": handles_any},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ticket_new(request):
    institutions = selectors.requester_institutions(request.user)
    if not institutions:
        raise AccessDenied(_("Tu cuenta no pertenece a ningún plantel; pide ayuda a tu escuela."))
    form = TicketForm(request.POST or None, request.FILES or None, institutions=institutions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ticket = attempt(
            form, services.open_ticket, actor=request.user,
            institution=form.institutions.get(data["institution"]), category=data["category"],
            priority=data["priority"], subject=data["subject"], body=data["body"],
            files=data["files"],
        )  # fmt: skip
        if ticket:
            messages.success(request, _("Recibimos tu solicitud #%(n)s.") % {"n": ticket.pk})
            return redirect("helpdesk:ticket", ticket_id=ticket.pk)
    return render(
        request, "helpdesk/ticket_new.html", {"form": form}, status=400 if form.errors else 200
    )


def _agents_for(ticket):
    return (
        User.objects.filter(
            is_active=True,
            memberships__role=Role.SUPPORT_AGENT,
            memberships__institution__in=ticket.institution.ancestor_ids,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def _reply_form(request, ticket, support):
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    if support:
        return SupportReplyForm(data, files, canned=selectors.canned_responses(request.user))
    return ReplyForm(data, files)


def _send(request, ticket, form, support):
    mode = form.cleaned_data.get("mode", "reply") if support else "reply"
    body = form.text() if support else form.cleaned_data["body"]
    return attempt(
        form, services.reply, actor=request.user, ticket=ticket, body=body,
        internal=mode == "note", wait_for_user=mode == "wait", files=form.cleaned_data["files"],
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def ticket_detail(request, ticket_id):
    ticket = get_object_or_404(
        selectors.tickets(request.user).select_related(
            "institution", "category", "requester", "assigned_to"
        ),
        pk=ticket_id,
    )
    support = selectors.handles(request.user, ticket) and ticket.requester_id != request.user.pk
    form = _reply_form(request, ticket, support)
    if request.method == "POST" and form.is_valid() and _send(request, ticket, form, support):
        messages.success(request, _("Mensaje enviado."))
        return redirect("helpdesk:ticket", ticket_id=ticket.pk)
    context = {
        "ticket": ticket,
        "support": support,
        "thread": selectors.messages_for(request.user, ticket),
        "events": ticket.events.select_related("actor") if support else (),
        "sla": evaluate_sla(ticket),
        "form": form,
        "assign_form": AssignForm(agents=_agents_for(ticket)) if support else None,
        "rating_form": RatingForm() if ticket.requester_id == request.user.pk else None,
        "rated": getattr(ticket, "satisfaction", None) if ticket.is_closed else None,
    }
    return render(request, "helpdesk/ticket.html", context, status=400 if form.errors else 200)


def _act(request, ticket_id, service, done, **kwargs):
    ticket = get_object_or_404(selectors.tickets(request.user), pk=ticket_id)
    try:
        service(actor=request.user, ticket=ticket, **kwargs)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("helpdesk:ticket", ticket_id=ticket.pk)


@login_required
@require_POST
def ticket_assign(request, ticket_id):
    ticket = get_object_or_404(selectors.tickets(request.user), pk=ticket_id)
    if not selectors.handles(request.user, ticket):
        raise AccessDenied(_("Solo el personal de soporte puede hacer esto."))
    form = AssignForm(request.POST, agents=_agents_for(ticket))
    if not form.is_valid():
        messages.error(request, _("Elige a un agente de la lista."))
        return redirect("helpdesk:ticket", ticket_id=ticket.pk)
    return _act(request, ticket_id, services.assign, _("Solicitud asignada."),
                agent=form.cleaned_data["agent"])  # fmt: skip


@login_required
@require_POST
def ticket_close(request, ticket_id):
    return _act(request, ticket_id, services.close_ticket, _("Solicitud cerrada."))


@login_required
@require_POST
def ticket_rate(request, ticket_id):
    get_object_or_404(selectors.tickets(request.user), pk=ticket_id)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Elige una calificación del 1 al 5."))
        return redirect("helpdesk:ticket", ticket_id=ticket_id)
    return _act(
        request, ticket_id, services.rate_ticket, _("¡Gracias por calificar la atención!"),
        rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"],
    )  # fmt: skip


QUEUE_VIEWS = {
    "mias": lambda rows, user: rows.filter(assigned_to=user),
    "sin_asignar": lambda rows, user: rows.filter(assigned_to__isnull=True),
    "esperando": lambda rows, user: rows.filter(status=TicketStatus.WAITING),
    "todas": lambda rows, user: rows,
}


@login_required
@require_safe
def queue(request):
    if not selectors.handled_institutions(request.user):
        raise AccessDenied(_("La cola es del personal de soporte."))
    chosen = request.GET.get("vista", "mias")
    chosen = chosen if chosen in QUEUE_VIEWS else "mias"
    open_tickets = selectors.queue(request.user)
    rows = QUEUE_VIEWS[chosen](open_tickets, request.user)
    context = {
        "page": page_of(request, rows),
        "view": chosen,
        "views": _queue_labels(),
        "summary": summary(open_tickets, selectors.handled_institutions(request.user)),
    }
    return render(request, "helpdesk/queue.html", context)


def _queue_labels():
    return [
        ("mias", _("Asignadas a mí")),
        ("sin_asignar", _("Sin asignar")),
        ("esperando", _("Esperando al solicitante")),
        ("todas", _("Todas las abiertas")),
    ]


@login_required
@require_safe
def ticket_file(request, ticket_file_id):
    row = get_object_or_404(selectors.files(request.user), pk=ticket_file_id)
    return private_file_response(row.file.name, download_name=row.name)
