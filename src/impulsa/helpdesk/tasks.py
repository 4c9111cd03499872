"""Help-desk background work (Celery): e-mail with retries, SLA deadlines sent by
beat (settings.CELERY_BEAT_SCHEDULE), SLA recomputation after a calendar change."""

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

log = logging.getLogger("impulsa.helpdesk")


@shared_task(
    name="helpdesk.send_email",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_jitter=True,
    max_retries=6,
)
def send_help_email(*, address: str, subject: str, text: str) -> None:
    send_mail(
        subject=f"Impulsa · {subject[:90]}",
        message=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[address],
    )
    log.info("helpdesk.email_sent")


@shared_task(name="helpdesk.check_sla")
def check_sla() -> int:
    from impulsa.helpdesk.sla.deadlines import check_deadlines

    return check_deadlines(now=timezone.now())


@shared_task(name="helpdesk.recompute_sla")
def recompute_sla(institution_id: int) -> int:
    from impulsa.helpdesk.sla.services import recompute_under

    return recompute_under(institution_id)


@shared_task(name="helpdesk.mail_announcement")
def mail_announcement(announcement_id: int) -> int:
    """One e-mail per person the announcement concerns, each its own retried task."""
    from impulsa.helpdesk.announcements.audience import mail_everyone

    return mail_everyone(announcement_id)
