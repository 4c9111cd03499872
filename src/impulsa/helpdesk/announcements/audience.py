"""Who an announcement concerns: every active person holding a role (one of its roles,
when it names some) at its institution or below; each gets one e-mail."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from impulsa.accounts.api import User
from impulsa.helpdesk.models import Announcement, AnnouncementKind


def recipients(announcement: Announcement):
    people = User.objects.filter(
        is_active=True,
        memberships__institution__path__startswith=announcement.institution.path,
        memberships__institution__is_active=True,
    )
    if announcement.roles:
        people = people.filter(memberships__role__in=announcement.roles)
    return people.exclude(email="").distinct().order_by("pk")


def _text(announcement) -> str:
    if announcement.kind != AnnouncementKind.MAINTENANCE:
        return announcement.body
    window = _("Del %(start)s al %(end)s (hora del centro de México).") % {
        "start": date_format(
            timezone.localtime(announcement.window_starts_at), "l j \\d\\e F, H:i"
        ),
        "end": date_format(timezone.localtime(announcement.window_ends_at), "l j \\d\\e F, H:i"),
    }
    return f"{window}\n\n{announcement.body}"


def mail_everyone(announcement_id: int) -> int:
    from impulsa.helpdesk.tasks import send_help_email

    announcement = Announcement.objects.select_related("institution").get(pk=announcement_id)
    text = _text(announcement)
    sent = 0
    for address in recipients(announcement).values_list("email", flat=True).iterator(2000):
        send_help_email.delay(address=address, subject=announcement.title, text=text)
        sent += 1
    Announcement.objects.filter(pk=announcement.pk).update(emailed_count=sent)
    return sent
