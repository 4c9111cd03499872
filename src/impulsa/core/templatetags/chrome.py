"""The page frame's navigation bar, rendered once per person, language, branding and
active entry, and kept by each process.

The bar shows the entries the access rule lets the person see, so it is kept under
the versions of the data that rule reads (institutions and memberships, see
core/cache_versions.py): a role granted anywhere changes the bar at the next request.
The log-out form's CSRF token is the one per-request part: the cached HTML holds a
mark that each request replaces with its own token.
"""

from django import template
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from impulsa.core.cache_versions import ProcessCache
from impulsa.core.navigation import menu_for

register = template.Library()

# Static files' hashed URLs depend on the deployed files, not on data: no version.
_assets = ProcessCache(maxsize=512)
_bars = ProcessCache("org.tree", "org.memberships", maxsize=20_000)
_CSRF_MARK = "__impulsa_csrf_token__"


@register.simple_tag(takes_context=True)
def navigation_bar(context) -> str:
    request = context["request"]
    user = context["user"]
    branding = context["branding"]
    links = list(context["nav_links"]) if user.is_authenticated else []
    key = (
        user.pk,
        user.get_short_name() if user.is_authenticated else "",
        get_language(),
        get_script_prefix(),
        tuple(link.url for link in links if link.active),
        branding.name,
        branding.logo_url,
    )

    def render() -> str:
        bar = {"user": user, "branding": branding, "nav_menu": menu_for(links)}
        return render_to_string("core/navigation_bar.html", {**bar, "csrf_token": _CSRF_MARK})

    html = _bars.get(key, render)
    if user.is_authenticated:
        html = html.replace(_CSRF_MARK, get_token(request))
    return mark_safe(html)  # our own template's output, the token Django's own


@register.simple_tag
def asset(path: str) -> str:
    """`{% static %}` remembered: the frame asks for the same six files on every page."""
    return _assets.get(path, lambda: static(path))
