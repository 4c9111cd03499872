"""Role-aware navigation: each app registers what it offers in its AppConfig.ready().

An entry says who may see it through a predicate on the user (apps pass a check
built on the access rule), so adding a section is adding an entry, not an `if`
in a template. The home page shows the same entries as cards.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import SimpleLazyObject


@dataclass(frozen=True)
class NavEntry:
    key: str
    label: str
    url_name: str
    description: str
    visible: Callable[[object], bool]
    order: int = 100


_entries: dict[str, NavEntry] = {}


def register(*entries: NavEntry) -> None:
    for entry in entries:
        _entries[entry.key] = entry


def entries_for(user) -> list[NavEntry]:
    if not user.is_authenticated:
        return []
    return [e for e in sorted(_entries.values(), key=lambda e: e.order) if e.visible(user)]


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    description: str
    active: bool


def links_for(request) -> list[NavLink]:
    links = []
    for entry in entries_for(request.user):
        url = reverse(entry.url_name)
        links.append(NavLink(entry.label, url, entry.description, request.path.startswith(url)))
    return links


def navigation(request):
    """Template context processor: `nav_links` computed only if a template uses it."""
    return {"nav_links": SimpleLazyObject(lambda: links_for(request))}
