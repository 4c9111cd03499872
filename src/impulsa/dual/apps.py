from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DualConfig(AppConfig):
    name = "impulsa.dual"
    label = "dual"
    verbose_name = _("Ecosistema Dual")

    def ready(self):
        from impulsa.dual import registry

        registry.register_all()
