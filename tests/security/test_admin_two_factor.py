"""Every route of the Django admin is behind two-step verification: a superuser whose
session has not confirmed a TOTP code is sent to the admin's log-in (which asks for
the code) from each one, and the same person with a confirmed code gets in. The routes
are read from the admin site itself, so a model registered later is checked too."""

import re

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import current_token
from tests.factories import PASSWORD, UserFactory

OPEN = {"login", "logout"}  # its log-in (asks for the code); logging out ends the walk


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield entry.name, prefix + str(entry.pattern)


def _concrete(route: str) -> str:
    """A URL for `route` with every variable part filled in (an id, an app label)."""
    app_label = next(iter(admin.site._registry))._meta.app_label
    route = re.sub(r"\(\?P<app_label>[^)]*\)", app_label, route)
    route = re.sub(r"<(?:\w+:)?\w+>", "1", route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    return "/admin/" + route.replace("^", "").replace("$", "").replace("\\", "")


def admin_urls() -> list[str]:
    return sorted(
        {_concrete(route) for name, route in _walk(admin.site.urls[0]) if name not in OPEN}
    )


@pytest.fixture
def superuser(db):
    return UserFactory(username="operador", is_staff=True, is_superuser=True)


def test_the_walk_reaches_every_registered_model():
    urls = admin_urls()
    for model in admin.site._registry:
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert changelist in urls
    assert len(urls) > 5 * len(admin.site._registry)


def test_every_admin_route_sends_an_unverified_superuser_to_the_code_prompt(client, superuser):
    assert client.post("/cuenta/entrar/", {"username": "operador", "password": PASSWORD})
    for url in admin_urls():
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 302, f"{method.upper()} {url}: {response.status_code}"
            assert response.headers["Location"].startswith("/admin/login/"), url
    # Still signed in after the walk: what stopped every route was the missing code.
    assert client.get("/privacidad/mis-datos/").status_code == 200
    prompt = client.get("/admin/login/")
    assert 'name="otp_token"' in prompt.text


def test_with_a_confirmed_code_the_same_superuser_gets_in(client, superuser):
    assert client.post("/cuenta/entrar/", {"username": "operador", "password": PASSWORD})
    device = TOTPDevice.objects.create(user=superuser, name="prueba", confirmed=True)
    assert client.post("/cuenta/verificacion/", {"token": current_token(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("admin:ops_retentionclass_changelist")).status_code == 200
