"""E-mail from the help desk: sent by a Celery task after the transaction commits,
retried when the mail server fails (tasks.send_help_email)."""

from django.db import transaction
from django.urls import reverse


def ticket_link(ticket) -> str:
    return reverse("helpdesk:ticket", kwargs={"ticket_id": ticket.pk})


def mail_later(users, *, subject: str, text: str) -> int:
    from impulsa.helpdesk.tasks import send_help_email

    addresses = sorted({u.email for u in users if u is not None and u.email})
    for address in addresses:
        transaction.on_commit(
            lambda a=address: send_help_email.delay(address=a, subject=subject, text=text)
        )
    return len(addresses)
