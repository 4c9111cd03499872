"""One row per backup run: what was written where, and whether it finished."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Backup(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("En curso")
        OK = "ok", _("Completo")
        FAILED = "failed", _("Falló")
        PRUNED = "pruned", _("Eliminado por antigüedad")

    name = models.CharField(_("archivo"), max_length=200, unique=True)
    status = models.CharField(_("estado"), max_length=10, choices=Status.choices)
    started_at = models.DateTimeField(_("inicio"))
    finished_at = models.DateTimeField(_("fin"), null=True, blank=True)
    size_bytes = models.BigIntegerField(_("tamaño cifrado"), default=0)
    database_bytes = models.BigIntegerField(_("tamaño de la base"), default=0)
    files_count = models.PositiveIntegerField(_("archivos"), default=0)
    files_bytes = models.BigIntegerField(_("tamaño de los archivos"), default=0)
    sha256 = models.CharField(_("SHA-256 del archivo cifrado"), max_length=64, blank=True)
    # The exception's class and the tool's message: object names, never row data.
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("respaldo")
        verbose_name_plural = _("respaldos")
        indexes = [models.Index(fields=["status", "-finished_at"], name="ops_backup_status_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def duration_seconds(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()
