"""What other apps may use from the help desk (OEP-49). Nothing imports it yet; analytics
will read tickets through the scoped selector, and any module may open a ticket for a
user (a page's «Pedir ayuda» with the context filled in)."""

from impulsa.helpdesk.sla.services import evaluate as ticket_sla
from impulsa.helpdesk.tickets.selectors import tickets as reachable_tickets
from impulsa.helpdesk.tickets.services import open_ticket

__all__ = ["open_ticket", "reachable_tickets", "ticket_sla"]
