"""The audit log: django-auditlog's entry plus the institution it belongs to.

Tracked models expose `audit_institution_id`; the entry copies it so that admins
see exactly the entries of their part of the tree (the same access rule as
everything else; a person's own entries go to the institution that holds all of
their roles, see org.access.common_institution_id). Entries without an institution
(national calendar, log-ins of people without a role) are visible from the national
office only.
"""

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntryManager(LogEntryManager):
    def log_create(self, instance, force_log: bool = False, **kwargs):
        kwargs.setdefault("institution_id", getattr(instance, "audit_institution_id", None))
        return super().log_create(instance, force_log=force_log, **kwargs)


class AuditEntry(AbstractLogEntry):
    institution = models.ForeignKey(
        "org.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("institución"),
    )

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        swappable = "AUDITLOG_LOGENTRY_MODEL"
        verbose_name = _("registro de auditoría")
        verbose_name_plural = _("registros de auditoría")
        indexes = [models.Index(fields=["institution", "-timestamp"])]
