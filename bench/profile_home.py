"""Profile the campus admin's home page in-process: what dominates its cost.

Run by bench/run.py with DATABASE_URL pointing at the seeded bench database.
"""

import cProfile
import os
import pstats
import time
from importlib import import_module

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impulsa.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from impulsa.accounts.models import User  # noqa: E402

REQUESTS = 300
# (label, module path fragment, function name): cumulative time of each, as a share.
PARTS = [
    ("the view and everything it calls", "impulsa/accounts/home/views.py", "home"),
    ("template rendering", "django/template/base.py", "render"),
    ("SQL queries (driver + Django cursor)", "django/db/backends/utils.py", "_execute"),
    ("session load/save", "django/contrib/sessions/backends/base.py", "_get_session"),
    ("user from session", "django/contrib/auth/__init__.py", "get_user"),
    ("access rule (memberships query)", "impulsa/org/access.py", "__init__"),
    ("branding", "impulsa/org/branding.py", "resolve"),
    ("navigation entries", "impulsa/core/navigation.py", "links_for"),
    (
        "sign-in gates (2FA, temporary password)",
        "impulsa/accounts/signin/gates.py",
        "blocking_gate",
    ),
    ("CSP header", "csp/middleware.py", "process_response"),
    ("OTP device check (django-otp)", "django_otp/middleware.py", "_verify_user_sync"),
]


def signed_in_client(username: str) -> Client:
    user = User.objects.get(username=username)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]  # after axes
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device:
        store["otp_device_id"] = device.persistent_id
    store.create()
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
    return client


def cpu_ms(client, path: str, requests: int = 300, **extra) -> float:
    """CPU time of this process per request (no profiler): unlike wrk's requests/s it
    does not move with what else the machine runs (the database's own work excluded)."""
    for _ in range(20):
        client.get(path, **extra)
    started = time.process_time()
    for _ in range(requests):
        client.get(path, **extra)
    return 1000 * (time.process_time() - started) / requests


def main() -> None:
    client = signed_in_client("admin.gdl1")
    for _ in range(30):
        assert client.get("/").status_code == 200
    hello, home = cpu_ms(Client(), "/healthz"), cpu_ms(client, "/")
    print(
        f"CPU per request in-process: hello-world {hello:.2f} ms, home (campus admin) "
        f"{home:.2f} ms = {100 * hello / home:.1f} % of hello's rate"
    )

    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    print(f"queries per home page: {len(queries)}")
    for query in queries.captured_queries:
        print(f"  {query['time']}s  {query['sql'][:110]}")

    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(REQUESTS):
        client.get("/")
    profiler.disable()
    wall = time.perf_counter() - started
    print(f"in-process: {1000 * wall / REQUESTS:.2f} ms per request (profiler on)")

    stats = pstats.Stats(profiler).stats
    total = sum(
        t[3]
        for key, t in stats.items()
        if key[2] == "get_response" and key[0].endswith("django/core/handlers/base.py")
    )
    print("share of the request (cumulative; parts overlap: the view includes templates,")
    print("templates include the lazily computed navigation and branding):")
    for label, path, function in PARTS:
        # The outermost of same-named functions (Template.render wraps NodeList.render).
        cumulative = max(
            (t[3] for key, t in stats.items() if key[0].endswith(path) and key[2] == function),
            default=0,
        )
        print(f"  {label:38s} {100 * cumulative / total:5.1f} %")
    print("own time by package (no overlap; what is left to cut):")
    for package, seconds in _own_time_by_package(stats)[:12]:
        print(f"  {package:38s} {100 * seconds / total:5.1f} %")


def _own_time_by_package(stats) -> list[tuple[str, float]]:
    """Self time of every function, summed per package (django.template, psycopg, ...)."""
    totals: dict[str, float] = {}
    for (filename, _line, _function), row in stats.items():
        totals[_package(filename)] = totals.get(_package(filename), 0.0) + row[2]
    return sorted(totals.items(), key=lambda item: item[1], reverse=True)


def _package(filename: str) -> str:
    if "site-packages/" in filename:
        parts = filename.split("site-packages/", 1)[1].split("/")
    elif "/src/impulsa/" in filename:
        parts = ["impulsa", *filename.split("/src/impulsa/", 1)[1].split("/")]
    else:
        return "python (stdlib, builtins)"
    return ".".join(part.removesuffix(".py") for part in parts[:2])


if __name__ == "__main__":
    main()
