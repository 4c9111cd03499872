"""Publishing announcements. Maintenance must be announced at least MIN_NOTICE ahead
(the seed's promise to users), is e-mailed to everyone it concerns by Celery once it
commits, and shows as a banner until the window ends (announcements/banners.py)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from impulsa.audit.api import record as audit_record
from impulsa.core.errors import DomainError
from impulsa.helpdesk.announcements import banners
from impulsa.helpdesk.models import Announcement, AnnouncementKind
from impulsa.org.api import Capability, Role, ensure

MIN_NOTICE = datetime.timedelta(days=5)
MAX_WINDOW = datetime.timedelta(hours=72)
MAX_VISIBLE = datetime.timedelta(days=90)


def _text(value, field, missing, limit):
    value = (value or "").strip()
    if not value:
        raise DomainError(missing, field=field)
    if len(value) > limit:
        raise DomainError(_("Es demasiado largo (máximo %(n)s caracteres).") % {"n": limit},
                          field=field)  # fmt: skip
    return value


def _local(moment) -> str:
    return date_format(timezone.localtime(moment), "l j \\d\\e F \\a \\l\\a\\s H:i")


def _check_window(starts_at, ends_at, now) -> None:
    if starts_at is None or ends_at is None:
        raise DomainError(_("Indica cuándo empieza y cuándo termina."), field="starts_at")
    if starts_at < now + MIN_NOTICE:
        raise DomainError(
            _(
                "Un mantenimiento se publica con al menos 5 días de anticipación: para "
                "avisar hoy, programa el inicio a partir del %(first)s."
            )
            % {"first": _local(now + MIN_NOTICE)},
            field="starts_at",
        )
    if ends_at <= starts_at:
        raise DomainError(_("El fin debe ser después del inicio."), field="ends_at")
    if ends_at - starts_at > MAX_WINDOW:
        raise DomainError(_("Una ventana de mantenimiento dura como máximo 72 horas."),
                          field="ends_at")  # fmt: skip


@transaction.atomic
def publish_maintenance(*, actor, institution, title, body, starts_at, ends_at, now=None):
    ensure(actor, Capability.MANAGE_STRUCTURE, institution)
    now = now or timezone.now()
    _check_window(starts_at, ends_at, now)
    announcement = Announcement.objects.create(
        institution=institution, kind=AnnouncementKind.MAINTENANCE,
        title=_text(title, "title", _("Escribe un título."), 150),
        body=_text(body, "body", _("Explica qué no estará disponible."), 4000),
        window_starts_at=starts_at, window_ends_at=ends_at, visible_until=ends_at,
        published_at=now, created_by=actor,
    )  # fmt: skip
    _after_publishing(actor, announcement, email=True)
    return announcement


@transaction.atomic
def publish_announcement(*, actor, institution, title, body, roles, visible_until, now=None):
    """A general notice for `roles` (empty: everyone) at `institution` and below."""
    ensure(actor, Capability.MANAGE_STRUCTURE, institution)
    now = now or timezone.now()
    roles = sorted(set(roles or ()))
    if any(r not in Role.values for r in roles):
        raise DomainError(_("Elige roles de la lista."), field="roles")
    if visible_until is None or not now < visible_until <= now + MAX_VISIBLE:
        raise DomainError(_("Elige hasta cuándo se muestra (en los próximos 90 días)."),
                          field="visible_until")  # fmt: skip
    announcement = Announcement.objects.create(
        institution=institution, kind=AnnouncementKind.GENERAL,
        title=_text(title, "title", _("Escribe un título."), 150),
        body=_text(body, "body", _("Escribe el aviso."), 4000),
        roles=roles, visible_until=visible_until, published_at=now, created_by=actor,
    )  # fmt: skip
    _after_publishing(actor, announcement, email=False)
    return announcement


def _after_publishing(actor, announcement, *, email: bool) -> None:
    from impulsa.helpdesk.tasks import mail_announcement

    audit_record(actor=actor, instance=announcement, event="helpdesk.announced")
    transaction.on_commit(banners.forget)
    if email:
        transaction.on_commit(lambda: mail_announcement.delay(announcement.pk))
