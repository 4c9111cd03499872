"""Business-hours calendars: when an institution's support works (Monday to Friday,
Mexico City time, Mexico's federal holidays off). A ticket follows the calendar of its
institution or of the nearest one above it."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_OPENS = datetime.time(8, 0)
DEFAULT_CLOSES = datetime.time(17, 0)


class BusinessCalendar(models.Model):
    institution = models.OneToOneField(
        "org.Institution",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("institución"),
    )
    opens_at = models.TimeField(_("abre"), default=DEFAULT_OPENS)
    closes_at = models.TimeField(_("cierra"), default=DEFAULT_CLOSES)
    federal_holidays = models.BooleanField(_("descansa los días festivos oficiales"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendario de atención")
        verbose_name_plural = _("calendarios de atención")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__lt=models.F("closes_at")),
                name="helpdesk_calendar_opens_before_closing",
            )
        ]

    def __str__(self):
        return f"{self.institution} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    @property
    def audit_institution_id(self) -> int:
        return self.institution_id
