from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "impulsa.audit"
    label = "audit"
    verbose_name = _("Auditoría")

    def ready(self):
        from impulsa.audit import receivers  # noqa: F401 - connects the log-in signals
        from impulsa.core.navigation import NavEntry, register
        from impulsa.org.api import Capability, has_capability

        register(
            NavEntry(
                key="audit",
                label=_("Auditoría"),
                url_name="audit:entry_list",
                description=_("Quién cambió qué y cuándo, incluidos los inicios de sesión."),
                visible=has_capability(Capability.VIEW_AUDIT),
                order=90,
            )
        )
