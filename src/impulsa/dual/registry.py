"""What dual registers at start-up: audited models, navigation, home panels, demo."""


def register_all() -> None:
    from auditlog.registry import auditlog

    from impulsa.dual import models

    auditlog.register(models.Company, exclude_fields=["created_at"])
    auditlog.register(models.Agreement, exclude_fields=["created_at", "alerted_on"])
    auditlog.register(models.Position)
    auditlog.register(models.Placement, exclude_fields=["created_at"])
    auditlog.register(models.PlanStation)
    auditlog.register(models.LogbookEntry, include_fields=["status", "review_comment"])
    auditlog.register(models.Evaluation, exclude_fields=["created_at"])
    auditlog.register(models.Visit)
    auditlog.register(models.Incident, exclude_fields=["created_at"])

    from django.utils.translation import gettext_lazy as _

    from impulsa.core.home_panels import HomePanel
    from impulsa.core.home_panels import register as register_panel
    from impulsa.core.navigation import NavEntry
    from impulsa.core.navigation import register as register_nav
    from impulsa.org.api import Capability, Role, grants, has_anywhere

    dual_roles = {Role.STUDENT, Role.COMPANY_INSTRUCTOR, Role.DUAL_TUTOR}

    def in_dual(user) -> bool:
        return has_anywhere(user, Capability.VIEW_DUAL) or any(
            g.role in (Role.COMPANY_INSTRUCTOR, Role.DUAL_TUTOR) for g in grants(user)
        )

    register_nav(
        NavEntry(
            key="dual",
            label=_("Dual"),
            url_name="dual:home",
            description=_("Empresas, colocaciones, bitácoras, visitas e incidencias."),
            visible=in_dual,
            order=40,
        )
    )

    def panel(request):
        from impulsa.dual.views.home import home_context

        user = request.user
        if not any(g.role in dual_roles for g in grants(user)) and not has_anywhere(
            user, Capability.VIEW_DUAL
        ):
            return None
        context = home_context(user)
        if not any(context[k] for k in ("student", "instructor", "tutor", "staff")):
            return None
        return context

    register_panel(HomePanel(key="dual", template="dual/panels/home.html", context=panel, order=20))

    from impulsa.core.home_panels import register_figures
    from impulsa.dual.views.home import node_figures

    register_figures("dual", node_figures)

    from impulsa.dual import demo

    demo.register()
