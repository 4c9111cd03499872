"""What privacy registers at start-up (from OpsConfig.ready()): audited models,
navigation, its Celery task, admin pages and demo data."""

from auditlog.registry import auditlog
from django.utils.translation import gettext_lazy as _

from impulsa.core.home_panels import HomePanel
from impulsa.core.home_panels import register as register_panel
from impulsa.core.navigation import NavEntry
from impulsa.core.navigation import register as register_nav
from impulsa.ops.privacy import admin, demo, models, panels, tasks  # noqa: F401 - registers
from impulsa.org.api import Capability, has_capability


def register_all() -> None:
    # Changes to retention periods matter: who shortened a period, and when.
    auditlog.register(models.RetentionClass)
    register_nav(
        NavEntry(
            key="privacy_staff",
            label=_("Datos personales"),
            url_name="privacy:requests",
            description=_("Solicitudes ARCO, bloqueos, conservación y datos compartidos."),
            visible=has_capability(Capability.MANAGE_PRIVACY),
            order=90,
        ),
        NavEntry(
            key="privacy_mine",
            label=_("Mis datos personales"),
            url_name="privacy:mine",
            description=_("Aviso de privacidad, tus solicitudes ARCO y la descarga de tus datos."),
            visible=lambda user: user.is_authenticated,
            order=200,
        ),
    )
    register_panel(
        HomePanel(
            key="privacy", template="ops/privacy/panels/staff.html", context=panels.staff_panel,
            order=80,
        )
    )  # fmt: skip
    demo.register()
