"""Announcements: a maintenance window (published at least 5 days ahead, shown as a
banner and e-mailed to every user of the affected institutions) or a general notice
to some roles of an institution and everything below it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AnnouncementKind(models.TextChoices):
    MAINTENANCE = "maintenance", _("Mantenimiento programado")
    GENERAL = "general", _("Aviso general")


class Announcement(models.Model):
    institution = models.ForeignKey(
        "org.Institution",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("para"),
        help_text=_("Lo ven las personas de esta institución y de las que dependen de ella."),
    )
    kind = models.CharField(_("tipo"), max_length=12, choices=AnnouncementKind.choices)
    title = models.CharField(_("título"), max_length=150)
    body = models.TextField(_("texto"))
    # Roles (org.Role values) it is for; empty: everyone.
    roles = models.JSONField(_("roles a quienes se dirige"), default=list, blank=True)
    window_starts_at = models.DateTimeField(_("inicio del mantenimiento"), null=True, blank=True)
    window_ends_at = models.DateTimeField(_("fin del mantenimiento"), null=True, blank=True)
    visible_until = models.DateTimeField(_("visible hasta"))
    published_at = models.DateTimeField(_("publicado el"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    emailed_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("aviso")
        verbose_name_plural = _("avisos")
        ordering = ["-published_at"]
        indexes = [models.Index(fields=["visible_until"])]

    def __str__(self):
        return self.title

    @property
    def audit_institution_id(self) -> int:
        return self.institution_id
