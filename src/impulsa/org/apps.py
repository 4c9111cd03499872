from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "impulsa.org"
    label = "org"
    verbose_name = _("Instituciones")

    def ready(self):
        from auditlog.registry import auditlog

        from impulsa.core.navigation import NavEntry, register
        from impulsa.org.api import Capability, has_capability
        from impulsa.org.models import AcademicPeriod, Career, Group, Institution, Membership

        auditlog.register(Institution)
        auditlog.register(Career)
        auditlog.register(Group)
        auditlog.register(AcademicPeriod)
        auditlog.register(Membership)

        register(
            NavEntry(
                key="institutions",
                label=_("Instituciones"),
                url_name="org:institution_list",
                description=_("Colegios, planteles, carreras y grupos a tu cargo."),
                visible=has_capability(Capability.VIEW_STRUCTURE),
                order=10,
            ),
            NavEntry(
                key="periods",
                label=_("Periodos"),
                url_name="org:period_list",
                description=_("Calendario escolar nacional."),
                visible=has_capability(Capability.VIEW_STRUCTURE),
                order=15,
            ),
        )
