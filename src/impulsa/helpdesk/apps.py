from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpdeskConfig(AppConfig):
    name = "impulsa.helpdesk"
    label = "helpdesk"
    verbose_name = _("Mesa de ayuda")

    def ready(self):
        from impulsa.helpdesk import registry

        registry.register_all()
