"""Role-aware navigation: each app registers what it offers in its AppConfig.ready().

An entry says who may see it through a predicate on the user (apps pass a check
built on the access rule), so adding a section is adding an entry, not an `if`
in a template. The home page shows the same entries as cards.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from impulsa.core.cache_versions import ProcessCache


@dataclass(frozen=True)
class NavEntry:
    """`visible` must decide from the access rule alone (the user's grants): what it
    answers is kept per process under the versions of the data that rule reads."""

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


# URLs depend on the code, not on data: no version, kept while the process lives.
_urls = ProcessCache(maxsize=256)


def _url(url_name: str, script_prefix: str) -> str:
    return _urls.get((url_name, script_prefix), lambda: reverse(url_name))


# (user, language, script prefix) -> (label, url, description) of each visible entry.
_visible = ProcessCache("org.tree", "org.memberships", maxsize=20_000)


def _visible_links(user, prefix: str) -> tuple[tuple[str, str, str], ...]:
    def compute():
        return tuple(
            (str(e.label), _url(e.url_name, prefix), str(e.description)) for e in entries_for(user)
        )

    return _visible.get((user.pk, get_language(), prefix), compute)


def links_for(request) -> list[NavLink]:
    """Labels are translated once per process and language, not on every page."""
    if not request.user.is_authenticated:
        return []
    return [
        NavLink(label, url, description, request.path.startswith(url))
        for label, url, description in _visible_links(request.user, get_script_prefix())
    ]


# How many entries the desktop bar shows before folding the rest into «Más»: every
# new app adds entries, and a bar that wraps to a second row hides the page's start.
INLINE_MAX = 5


@dataclass(frozen=True)
class NavMenu:
    inline: list[NavLink]
    more: list[NavLink]

    @property
    def more_active(self) -> bool:
        return any(link.active for link in self.more)


def menu_for(links: list[NavLink]) -> NavMenu:
    """Up to INLINE_MAX entries stay in the bar; past that, the first INLINE_MAX - 1
    stay and the rest go under «Más» (so the bar never holds more than INLINE_MAX)."""
    if len(links) <= INLINE_MAX:
        return NavMenu(list(links), [])
    return NavMenu(list(links[: INLINE_MAX - 1]), list(links[INLINE_MAX - 1 :]))


def navigation(request):
    """Template context processor: `nav_links` (and `nav_menu`, the same links split
    for the desktop bar) computed only if a template uses them."""
    links = SimpleLazyObject(lambda: links_for(request))
    return {"nav_links": links, "nav_menu": SimpleLazyObject(lambda: menu_for(links))}
