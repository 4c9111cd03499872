"""Reads of tickets, always narrowed by the access rule: a requester reaches their own
tickets, whoever holds HANDLE_TICKETS (support agents, and the admins above them)
reaches the tickets of the institutions below their node. Internal notes and their
files reach only the latter."""

from django.db.models import Q, QuerySet

from impulsa.helpdesk.models import CannedResponse, Ticket, TicketFile, TicketStatus
from impulsa.org.api import Capability, can, institution_ids, offering_ids, user_memberships

HANDLE = Capability.HANDLE_TICKETS


def tickets(user) -> QuerySet:
    if not user.is_authenticated or not user.is_active:
        return Ticket.objects.none()
    return Ticket.objects.filter(
        Q(requester=user) | Q(institution__in=institution_ids(user, HANDLE))
    )


def handles(user, ticket: Ticket) -> bool:
    """Whether `user` works on `ticket` as support (sees notes, assigns, answers)."""
    return can(user, HANDLE, ticket.institution)


def queue(user) -> QuerySet:
    """Open tickets the user handles, the oldest first (the agent's home)."""
    return (
        Ticket.objects.filter(institution__in=institution_ids(user, HANDLE))
        .exclude(status=TicketStatus.CLOSED)
        .select_related("institution", "category", "requester", "assigned_to")
        .order_by("created_at", "pk")
    )


def my_tickets(user) -> QuerySet:
    return (
        Ticket.objects.filter(requester=user)
        .select_related("category", "institution")
        .order_by("-created_at", "-pk")
    )


def messages_for(user, ticket: Ticket) -> QuerySet:
    rows = ticket.messages.select_related("author").prefetch_related("files")
    return rows if handles(user, ticket) else rows.filter(internal=False)


def files(user) -> QuerySet:
    """Files the user may download: of tickets they reach, notes' files only to support."""
    handled = institution_ids(user, HANDLE)
    return TicketFile.objects.filter(message__ticket__in=tickets(user)).filter(
        Q(message__internal=False) | Q(message__ticket__institution__in=handled)
    )


def canned_responses(user) -> QuerySet:
    """Responses of the user's node, those below it and those above it (a national
    answer serves every campus)."""
    return CannedResponse.objects.filter(institution__in=offering_ids(user, HANDLE)).select_related(
        "institution"
    )


def requester_institutions(user) -> list:
    """Where the user may file a ticket: each institution they belong to, deepest first."""
    seen, result = set(), []
    for membership in sorted(user_memberships(user), key=lambda m: -len(m.institution.path)):
        if membership.institution_id not in seen:
            seen.add(membership.institution_id)
            result.append(membership.institution)
    return result


def handled_institutions(user) -> frozenset[int]:
    return institution_ids(user, HANDLE)
