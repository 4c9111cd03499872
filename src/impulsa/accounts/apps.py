from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "impulsa.accounts"
    label = "accounts"
    verbose_name = _("Cuentas")

    def ready(self):
        from auditlog.registry import auditlog
        from django.db.models.signals import pre_save

        from impulsa.accounts import services
        from impulsa.accounts.home import panels as home_panels
        from impulsa.accounts.models import ImportJob, StudentProfile, User
        from impulsa.core.navigation import NavEntry, register
        from impulsa.org.api import Capability, has_capability

        personal = ["curp", "birth_date", "phone", "address"]
        auditlog.register(
            User,
            # search_text is derived by a trigger from fields audited already (and holds
            # the e-mail in clear): logging it would only repeat them unmasked.
            exclude_fields=["password", "last_login", "curp_hash", "search_text"],
            mask_fields=personal,
            mask_callable="impulsa.audit.masking.hide",
        )
        auditlog.register(StudentProfile)
        auditlog.register(ImportJob, include_fields=["status", "created_count", "updated_count"])

        home_panels.register_panels()
        pre_save.connect(services.revoke_tokens_on_password_change, sender=User)
        register(
            NavEntry(
                key="people",
                label=_("Personas"),
                url_name="people:user_list",
                description=_("Alumnos y personal a tu cargo."),
                visible=has_capability(Capability.VIEW_PEOPLE),
                order=20,
            ),
            NavEntry(
                key="imports",
                label=_("Importar alumnos"),
                url_name="imports:job_list",
                description=_("Alta y actualización masiva de alumnos desde CSV o Excel."),
                visible=has_capability(Capability.MANAGE_PEOPLE),
                order=25,
            ),
        )
