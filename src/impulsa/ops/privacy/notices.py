"""The privacy notice: publishing a version, the current one, and each person's
acceptance (LGPDPPSO Arts. 26-28: the notice is made available before data is
processed, in a simplified and a full version)."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from impulsa.audit.api import record
from impulsa.core.cache_versions import ProcessCache
from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.ops.privacy.models import NoticeAcceptance, PrivacyNotice
from impulsa.org.api import Capability, Institution, can, root_institution_id

MAX_TEXT = 60_000

# The current version, kept per process under "ops.notice" (moved by a trigger on the
# notice table, migration 0002): the sign-in gate asks on every page.
_current = ProcessCache("ops.notice", maxsize=1)


def current_notice() -> PrivacyNotice | None:
    return _current.get("current", lambda: PrivacyNotice.objects.order_by("-version").first())


def _clean(text: str, label: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Escribe el %(label)s.") % {"label": label})
    if len(text) > MAX_TEXT:
        raise DomainError(_("El %(label)s es demasiado largo.") % {"label": label})
    return text


@transaction.atomic
def publish_notice(*, actor, simplified_text: str, full_text: str, changes: str = ""):
    """A new version, which everyone accepts again at their next visit. Only the
    national office publishes: one notice covers every campus."""
    root = Institution.objects.get(pk=root_institution_id())
    if not can(actor, Capability.MANAGE_PRIVACY, root):
        raise AccessDenied(_("Solo la oficina nacional publica el aviso de privacidad."))
    simplified = _clean(simplified_text, _("aviso simplificado"))
    full = _clean(full_text, _("aviso integral"))
    last = PrivacyNotice.objects.aggregate(v=Max("version"))["v"] or 0
    try:
        with transaction.atomic():
            notice = PrivacyNotice.objects.create(
                version=last + 1,
                simplified_text=simplified,
                full_text=full,
                changes=(changes or "").strip()[:4000],
                published_by=actor,
            )
    except IntegrityError as error:
        raise Conflict(_("Otra persona publicó una versión al mismo tiempo.")) from error
    record(actor=actor, instance=notice, event="privacy_notice_published", version=notice.version)
    return notice


def has_accepted(user, notice: PrivacyNotice) -> bool:
    return NoticeAcceptance.objects.filter(user=user, notice=notice).exists()


@transaction.atomic
def accept_notice(*, user, notice: PrivacyNotice) -> NoticeAcceptance:
    acceptance, _created = NoticeAcceptance.objects.get_or_create(user=user, notice=notice)
    return acceptance


def acceptances_of(user):
    return NoticeAcceptance.objects.filter(user=user).select_related("notice")
