"""What the help desk registers at start-up (imported from HelpdeskConfig.ready()):
audited models, navigation, home panels, demo data."""

from auditlog.registry import auditlog
from django.utils.translation import gettext_lazy as _

from impulsa.core.home_panels import HomePanel
from impulsa.core.home_panels import register as register_panel
from impulsa.core.navigation import NavEntry
from impulsa.core.navigation import register as register_nav
from impulsa.helpdesk import demo, models
from impulsa.helpdesk.tickets import selectors
from impulsa.org.api import Capability, Role, grants, has_capability

QUEUE_SHOWN = 5


def register_all() -> None:
    auditlog.register(
        models.Ticket, include_fields=["status", "priority", "tier", "assigned_to", "category"]
    )
    auditlog.register(models.Satisfaction, exclude_fields=["created_at"])
    auditlog.register(models.CannedResponse, exclude_fields=["created_at"])
    auditlog.register(models.Announcement, exclude_fields=["emailed_count"])
    auditlog.register(models.BusinessCalendar, exclude_fields=["updated_at"])
    register_nav(
        NavEntry(
            key="helpdesk",
            label=_("Ayuda"),
            url_name="helpdesk:home",
            description=_("Pide ayuda y sigue tus solicitudes."),
            visible=lambda user: bool(grants(user)),
            order=90,
        ),
        NavEntry(
            key="helpdesk_queue",
            label=_("Soporte"),
            url_name="helpdesk:queue",
            description=_("La cola de solicitudes de tu plantel, estado o país."),
            visible=has_capability(selectors.HANDLE),
            order=15,
        ),
    )
    register_nav(
        NavEntry(
            key="helpdesk_calendars",
            label=_("Horarios de soporte"),
            url_name="helpdesk:calendars",
            description=_("Horas hábiles de atención de cada institución y días festivos."),
            visible=has_capability(Capability.MANAGE_STRUCTURE),
            order=95,
        )
    )
    register_panel(
        HomePanel(
            key="helpdesk_queue",
            template="helpdesk/panels/queue.html",
            context=_queue_panel,
            order=5,
        ),
        HomePanel(
            key="helpdesk_mine", template="helpdesk/panels/mine.html", context=_mine_panel, order=95
        ),
    )
    demo.register()


def _queue_panel(request):
    """A support agent's home is their queue (admins reach tickets too, but their home
    is their campus: the panel is for agents)."""
    user = request.user
    if not any(g.role == Role.SUPPORT_AGENT for g in grants(user)):
        return None
    rows = selectors.queue(user)
    return {
        "queue": list(rows.filter(assigned_to=user)[:QUEUE_SHOWN]),
        "mine_count": rows.filter(assigned_to=user).count(),
        "unassigned_count": rows.filter(assigned_to__isnull=True).count(),
    }


def _mine_panel(request):
    if not grants(request.user):
        return None
    return {"mine": list(selectors.my_tickets(request.user)[:3])}
