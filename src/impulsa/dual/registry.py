"""What dual registers at start-up (imported from DualConfig.ready()): audited models,
navigation, home panels and figures, demo data."""

from auditlog.registry import auditlog
from django.utils.translation import gettext_lazy as _

from impulsa.core.home_panels import HomePanel, register_figures
from impulsa.core.home_panels import register as register_panel
from impulsa.core.navigation import NavEntry
from impulsa.core.navigation import register as register_nav
from impulsa.dual import demo, models
from impulsa.dual.views.home import home_context, node_figures
from impulsa.org.api import Capability, Role, grants, has_anywhere

DUAL_ROLES = {Role.STUDENT, Role.COMPANY_INSTRUCTOR, Role.DUAL_TUTOR}


def register_all() -> None:
    _audit()
    register_nav(
        NavEntry(
            key="dual",
            label=_("Dual"),
            url_name="dual:home",
            description=_("Empresas, colocaciones, bitácoras, visitas e incidencias."),
            visible=_in_dual,
            order=40,
        )
    )
    register_panel(
        HomePanel(key="dual", template="dual/panels/home.html", context=_panel, order=20)
    )
    register_figures("dual", node_figures)
    demo.register()


def _audit() -> None:
    auditlog.register(models.Company, exclude_fields=["created_at"])
    auditlog.register(models.Agreement, exclude_fields=["created_at", "alerted_on"])
    auditlog.register(models.Position)
    auditlog.register(models.Placement, exclude_fields=["created_at"])
    auditlog.register(models.PlanStation)
    auditlog.register(models.LogbookEntry, include_fields=["status", "review_comment"])
    auditlog.register(models.Evaluation, exclude_fields=["created_at"])
    auditlog.register(models.Visit)
    auditlog.register(models.Incident, exclude_fields=["created_at"])


def _in_dual(user) -> bool:
    return has_anywhere(user, Capability.VIEW_DUAL) or any(
        g.role in (Role.COMPANY_INSTRUCTOR, Role.DUAL_TUTOR) for g in grants(user)
    )


def _panel(request):
    user = request.user
    if not any(g.role in DUAL_ROLES for g in grants(user)) and not has_anywhere(
        user, Capability.VIEW_DUAL
    ):
        return None
    context = home_context(user)
    if not any(context[k] for k in ("student", "instructor", "tutor", "staff")):
        return None
    return context
