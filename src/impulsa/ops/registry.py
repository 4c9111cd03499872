"""What ops registers at start-up (OpsConfig.ready): its navigation entry and the
Celery signal handlers that count task outcomes."""

from django.utils.translation import gettext_lazy as _

from impulsa.core.home_panels import HomePanel
from impulsa.core.home_panels import register as register_panel
from impulsa.core.navigation import NavEntry
from impulsa.core.navigation import register as register_nav
from impulsa.ops import demo
from impulsa.ops.observability import selectors, signals
from impulsa.org.api import Capability, has_anywhere, has_capability


def register_all() -> None:
    register_nav(
        NavEntry(
            key="ops",
            label=_("Operación"),
            url_name="ops:dashboard",
            description=_("Respaldos, colas de tareas y métricas de la plataforma."),
            visible=has_capability(Capability.OPERATE_PLATFORM),
            order=90,
        )
    )
    register_panel(HomePanel(key="ops", template="ops/panels/home.html", context=_panel, order=90))
    signals.connect()
    demo.register()


def _panel(request):
    """National admins see at once whether last night's backup ran."""
    if not has_anywhere(request.user, Capability.OPERATE_PLATFORM):
        return None
    return {"backups": selectors.backup_status(request.user)}
