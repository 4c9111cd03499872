from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "impulsa.ops"
    label = "ops"
    verbose_name = _("Operación y privacidad")

    def ready(self):
        from impulsa.ops import registry
        from impulsa.ops.privacy import registry as privacy

        registry.register_all()
        privacy.register_all()
