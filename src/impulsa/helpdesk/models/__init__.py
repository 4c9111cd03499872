"""The help desk's data: tickets with their messages, files, event log and rating;
categories and canned responses."""

from impulsa.helpdesk.models.announcements import Announcement, AnnouncementKind
from impulsa.helpdesk.models.assistant import Article
from impulsa.helpdesk.models.sla import BusinessCalendar
from impulsa.helpdesk.models.tickets import (
    CannedResponse,
    Category,
    Priority,
    Satisfaction,
    Ticket,
    TicketEvent,
    TicketFile,
    TicketMessage,
    TicketStatus,
    Tier,
)

__all__ = [
    "Announcement",
    "AnnouncementKind",
    "Article",
    "BusinessCalendar",
    "CannedResponse",
    "Category",
    "Priority",
    "Satisfaction",
    "Ticket",
    "TicketEvent",
    "TicketFile",
    "TicketMessage",
    "TicketStatus",
    "Tier",
]
