"""Periodic dual work, sent by Celery beat (settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task
from django.utils import timezone

from impulsa.dual.services import agreements, incidents, logbook


@shared_task(name="dual.agreement_alerts")
def agreement_alerts() -> int:
    return agreements.send_expiry_alerts(today=timezone.localdate())


@shared_task(name="dual.escalate_incidents")
def escalate_incidents() -> int:
    return incidents.escalate_overdue(now=timezone.now())


@shared_task(name="dual.missing_logbooks")
def missing_logbooks() -> int:
    return logbook.alert_missing_weeks(today=timezone.localdate())
