"""Per-institution branding (name, logo, primary colour), inherited down the tree.

A request on an institution's custom domain shows that institution's branding;
otherwise a signed-in user sees their own campus's, and everyone else the
national office's.

Every page shows branding, so resolved values are memoized (org/tree_cache.py).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.functional import SimpleLazyObject

from impulsa.org import access, tree_cache
from impulsa.org.models import Institution
from impulsa.org.roles import ROLE_CAPABILITIES, Capability, Kind

DEFAULT_NAME = "Impulsa"
DEFAULT_COLOR = "#0B6E4F"
MIN_CONTRAST = 4.5  # WCAG AA for normal text: white text on the primary colour


@dataclass(frozen=True)
class Branding:
    name: str
    logo_url: str
    primary_color: str
    institution_id: int | None


DEFAULT = Branding(DEFAULT_NAME, "", DEFAULT_COLOR, None)


def for_institution(institution_id: int) -> Branding:
    return tree_cache.get(f"branding:{institution_id}", lambda: _compute(institution_id))


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


def institution_for_domain(host: str) -> int | None:
    return tree_cache.get("domains", _domains).get(normalize_domain(host))


def normalize_domain(value: str) -> str:
    """A host as custom domains are stored and compared: lower case, without port or
    trailing dot, international names in their ASCII (IDNA) form, the one browsers
    send. A value that cannot be a domain is returned lower-cased for the caller's
    validation to refuse."""
    host = (value or "").strip().lower()
    if host.count(":") == 1:  # "host:port"; IPv6 literals are never custom domains
        host = host.split(":", 1)[0]
    host = host.rstrip(".")
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def platform_hosts(request_host: str | None = None) -> set[str]:
    """Hosts of the platform itself, which no institution may claim: the exact names
    in ALLOWED_HOSTS, the base of its ".example.mx" patterns and the host the
    request came to."""
    hosts = {pattern.lstrip(".") for pattern in settings.ALLOWED_HOSTS if pattern != "*"}
    if request_host:
        hosts.add(request_host)
    return {normalize_domain(host) for host in hosts} - {""}


def can_set_domains(user) -> bool:
    """Only national staff assign custom domains: a domain brands the log-in page of
    everyone who opens it, so it is not a campus's decision."""
    return any(
        grant.kind == Kind.NATIONAL and Capability.MANAGE_STRUCTURE in ROLE_CAPABILITIES[grant.role]
        for grant in access.grants(user)
    )


def resolve(request) -> Branding:
    institution_id = institution_for_domain(request.get_host())
    if institution_id is None and request.user.is_authenticated:
        institution_id = access.primary_institution_id(request.user)
    if institution_id is None:
        institution_id = tree_cache.root_institution_id()
    return for_institution(institution_id) if institution_id else DEFAULT


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
