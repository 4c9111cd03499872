"""In-platform notices, mailed as well when they ask for action."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from impulsa.dual.models import Notice

log = logging.getLogger("impulsa.dual")


def notify(users, *, campus, text: str, link: str = "", email: bool = False) -> int:
    people = {u.pk: u for u in users if u is not None}.values()
    Notice.objects.bulk_create(
        [Notice(user=u, campus=campus, text=text[:300], link=link[:200]) for u in people]
    )
    if email:
        for person in people:
            if person.email:
                send_mail(
                    subject=f"Impulsa · {text[:80]}",
                    message=f"{text}\n\n{link}",
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=[person.email],
                )
    log.info("dual.notice count=%s email=%s", len(people), email)
    return len(people)


@transaction.atomic
def mark_notices_read(*, actor) -> int:
    """Mark every unread notice of the actor as read now; returns how many were."""
    if not actor.is_authenticated:
        return 0
    return Notice.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())
