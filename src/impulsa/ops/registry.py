"""What ops registers at start-up (OpsConfig.ready): its navigation entry and the
Celery signal handlers that count task outcomes."""

from django.utils.translation import gettext_lazy as _

from impulsa.core.navigation import NavEntry
from impulsa.core.navigation import register as register_nav
from impulsa.ops import demo
from impulsa.ops.observability import signals
from impulsa.org.api import Capability, has_capability


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
    signals.connect()
    demo.register()
