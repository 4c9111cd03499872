"""Per-institution branding (name, logo, primary colour), inherited down the tree.

A request on an institution's custom domain shows that institution's branding;
otherwise a signed-in user sees their own campus's, and everyone else the
national office's.

Every page shows branding, so resolved values are memoized in each process under
a generation number kept in the shared cache: a request costs one cache read, and
any institution change bumps the generation so no process serves stale branding.
"""

import secrets
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.functional import SimpleLazyObject

from impulsa.org import access
from impulsa.org.models import Institution

DEFAULT_NAME = "Impulsa"
DEFAULT_COLOR = "#0B6E4F"
MIN_CONTRAST = 4.5  # WCAG AA for normal text: white text on the primary colour
_GENERATION_KEY = "org:branding:generation"


@dataclass(frozen=True)
class Branding:
    name: str
    logo_url: str
    primary_color: str
    institution_id: int | None


DEFAULT = Branding(DEFAULT_NAME, "", DEFAULT_COLOR, None)


# (generation, {key: value}); replaced as a whole when the generation moves on, so
# threads of one worker never see a half-cleared memo.
_memo: tuple[int | None, dict[str, object]] = (None, {})


def _generation() -> int:
    generation = cache.get(_GENERATION_KEY)
    if generation is None:
        # A fresh random start (not 1): after the cache is emptied, a process must
        # not mistake its old memo for current.
        cache.add(_GENERATION_KEY, secrets.randbits(48), timeout=None)
        generation = cache.get(_GENERATION_KEY)
    return generation


def _memoized(generation: int, key: str, compute):
    global _memo
    memo_generation, values = _memo
    if memo_generation != generation:
        values = {}
        _memo = (generation, values)
    if key not in values:
        values[key] = compute()
    return values[key]


def invalidate() -> None:
    """Call after any change to an institution's branding, domain or place in the tree.

    Bumps now (this transaction sees its own change) and again on commit (another
    process may have memoized the old rows in between)."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        cache.set(_GENERATION_KEY, secrets.randbits(48), timeout=None)


def for_institution(institution_id: int, generation: int | None = None) -> Branding:
    generation = _generation() if generation is None else generation
    return _memoized(generation, f"branding:{institution_id}", lambda: _compute(institution_id))


def _compute(institution_id: int) -> Branding:
    node = Institution.objects.filter(pk=institution_id).only("path").first()
    if node is None:
        return DEFAULT
    chain = sorted(
        Institution.objects.filter(pk__in=node.ancestor_ids).only(
            "path", "name", "short_name", "display_name", "logo", "primary_color"
        ),
        key=lambda i: len(i.path),
        reverse=True,
    )

    def nearest(attribute: str) -> str:
        return next((str(getattr(i, attribute)) for i in chain if getattr(i, attribute)), "")

    logo = nearest("logo")
    return Branding(
        name=nearest("display_name") or DEFAULT_NAME,
        logo_url=default_storage.url(logo) if logo else "",
        primary_color=nearest("primary_color") or DEFAULT_COLOR,
        institution_id=institution_id,
    )


def _domains() -> dict[str, int]:
    return dict(
        Institution.objects.filter(is_active=True, custom_domain__isnull=False).values_list(
            "custom_domain", "id"
        )
    )


def institution_for_domain(host: str, generation: int | None = None) -> int | None:
    generation = _generation() if generation is None else generation
    domains = _memoized(generation, "domains", _domains)
    return domains.get(host.split(":", 1)[0].lower())


def root_institution_id(generation: int | None = None) -> int | None:
    generation = _generation() if generation is None else generation
    return _memoized(
        generation,
        "root",
        lambda: Institution.objects.filter(parent=None).values_list("id", flat=True).first(),
    )


def resolve(request) -> Branding:
    generation = _generation()
    institution_id = institution_for_domain(request.get_host(), generation)
    if institution_id is None and request.user.is_authenticated:
        institution_id = access.primary_institution_id(request.user)
    if institution_id is None:
        institution_id = root_institution_id(generation)
    return for_institution(institution_id, generation) if institution_id else DEFAULT


class BrandingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.branding = SimpleLazyObject(lambda: resolve(request))
        return self.get_response(request)


def branding(request):
    """Template context processor."""
    return {"branding": getattr(request, "branding", DEFAULT)}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def contrast_with_white(hex_color: str) -> float:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)
    return 1.05 / (luminance + 0.05)
