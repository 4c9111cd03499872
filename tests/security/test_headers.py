"""Security headers and the Content Security Policy on every page a signed-in
administrator can open without an id (the list grows with the routes), and on the
public ones."""

import pytest

from tests.test_access_walk import all_routes

STRICT_CSP = ("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'",
              "object-src 'none'", "base-uri 'self'", "form-action 'self'")  # fmt: skip


def _page_routes():
    for name, route, kwarg_names, _pattern in all_routes():
        if kwarg_names or route.startswith("api/") or "<" in route or "(?P" in route:
            continue
        yield name, "/" + route.replace("^", "").replace("$", "")


def _check(url, response):
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    csp = response.headers.get("Content-Security-Policy", "")
    for directive in STRICT_CSP:
        assert directive in csp, f"{url}: CSP lacks {directive!r}: {csp}"
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0], url
    assert "unsafe-eval" not in csp, url
    assert response.headers.get("X-Frame-Options") == "DENY", url
    assert response.headers.get("X-Content-Type-Options") == "nosniff", url
    assert response.headers.get("Referrer-Policy") == "same-origin", url
    assert response.headers.get("Cross-Origin-Opener-Policy") == "same-origin", url
    assert "camera=()" in response.headers.get("Permissions-Policy", ""), url


@pytest.mark.django_db
def test_every_page_carries_the_security_headers_and_a_strict_csp(world, login, client):
    checked = 0
    for _name, url in _page_routes():
        anonymous = client.get(url)
        _check(url, anonymous)
    staff = login(world.alice)
    for _name, url in _page_routes():
        response = staff.get(url)
        if response.status_code == 200:
            _check(url, response)
            checked += 1
    assert checked >= 20  # the walk reached the pages, not only redirects
