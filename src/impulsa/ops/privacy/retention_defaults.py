"""The retention classes every installation starts with; national staff may change
their periods in the Django admin. Created on first use, so a fresh database needs no
step of its own."""

from django.utils.translation import gettext_lazy as _

from impulsa.ops.privacy.models import RetentionClass, RetentionRule

DEFAULTS = {
    RetentionRule.INACTIVE_ACCOUNTS: {
        "name": _("Cuentas dadas de baja (egreso, baja o cambio de institución)"),
        "legal_basis": _(
            "LGPDPPSO arts. 23 y 24: los datos se conservan mientras sirven a la finalidad "
            "educativa; el expediente escolar se conserva por el plazo del catálogo de "
            "disposición documental del CONALEP (Ley General de Archivos). Después, "
            "bloqueo por el plazo de prescripción de responsabilidades administrativas "
            "(Ley General de Responsabilidades Administrativas, art. 74: tres años)."
        ),
        "keep_days": 5 * 365,
        "blocked_days": 3 * 365,
    },
    RetentionRule.ARCO_CANCELLATION: {
        "name": _("Cancelación por solicitud ARCO"),
        "legal_basis": _(
            "LGPDPPSO arts. 3 fr. III, 46 y 51: procedente la cancelación, los datos se "
            "bloquean y se suprimen al concluir el plazo de bloqueo."
        ),
        "keep_days": 0,
        "blocked_days": 3 * 365,
    },
}


def ensure_classes() -> None:
    for rule, values in DEFAULTS.items():
        RetentionClass.objects.get_or_create(
            rule=rule, defaults={k: str(v) if k in ("name", "legal_basis") else v
                                 for k, v in values.items()}
        )  # fmt: skip
