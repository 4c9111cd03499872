from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "impulsa.accounts"
    label = "accounts"
    verbose_name = _("Cuentas")

    def ready(self):
        from auditlog.registry import auditlog

        from impulsa.accounts.models import ImportJob, StudentProfile, User

        personal = ["curp", "birth_date", "phone", "address"]
        auditlog.register(
            User,
            exclude_fields=["password", "last_login", "curp_hash"],
            mask_fields=personal,
            mask_callable="impulsa.audit.masking.hide",
        )
        auditlog.register(StudentProfile)
        auditlog.register(ImportJob, include_fields=["status", "created_count", "updated_count"])
