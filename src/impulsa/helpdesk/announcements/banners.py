"""The banners every page shows: the announcements visible now, for the viewer's
institutions and roles.

One list of every visible announcement is kept in Django's cache (Redis in production,
so every process sees a publication at once: publishing deletes the key), refreshed at
most every CACHE_SECONDS; each request reads it once and filters it in Python by the
viewer's grants (already loaded for the access rule), so a page costs one cache read
and, once per CACHE_SECONDS across all processes, one query."""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from impulsa.helpdesk.models import Announcement, AnnouncementKind
from impulsa.org.api import grants

CACHE_KEY = "helpdesk.banners"
CACHE_SECONDS = 60
MAX_SHOWN = 3


@dataclass(frozen=True)
class Banner:
    pk: int
    kind: str
    title: str
    body: str
    path: str  # the audience's institution path: a viewer at or below it sees it
    roles: tuple[str, ...]
    window_starts_at: datetime | None
    window_ends_at: datetime | None
    visible_until: datetime

    @property
    def is_maintenance(self) -> bool:
        return self.kind == AnnouncementKind.MAINTENANCE


def _load() -> list[Banner]:
    rows = (
        Announcement.objects.filter(visible_until__gt=timezone.now())
        .select_related("institution")
        .order_by("window_starts_at", "-published_at")[:200]
    )
    return [
        Banner(a.pk, a.kind, a.title, a.body, a.institution.path, tuple(a.roles),
               a.window_starts_at, a.window_ends_at, a.visible_until)
        for a in rows
    ]  # fmt: skip


def active() -> list[Banner]:
    banners = cache.get(CACHE_KEY)
    if banners is None:
        banners = _load()
        cache.set(CACHE_KEY, banners, CACHE_SECONDS)
    return banners


def forget() -> None:
    cache.delete(CACHE_KEY)


def for_user(user, *, now=None) -> list[Banner]:
    held = grants(user)
    if not held:
        return []
    now = now or timezone.now()
    shown = [
        b
        for b in active()
        if b.visible_until > now
        and any(g.path.startswith(b.path) and (not b.roles or g.role in b.roles) for g in held)
    ]
    return shown[:MAX_SHOWN]


def banners(request):
    """Template context processor: `helpdesk_banners`, computed only if rendered."""
    return {"helpdesk_banners": SimpleLazyObject(lambda: for_user(request.user))}
