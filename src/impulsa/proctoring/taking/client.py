"""The request as the access rules see it (rules/base.Client), and the cookie that
names the student's device for the one-device rule."""

import secrets

from django.conf import settings

from impulsa.core.net import client_ip
from impulsa.proctoring.rules.base import Client
from impulsa.proctoring.rules.safe_browser import BROWSER_KEY_HEADER, CONFIG_KEY_HEADER

DEVICE_COOKIE = "impulsa_exam_device"


def client_of(request, access_code: str = "") -> Client:
    return Client(
        ip=client_ip(request),
        device=request.COOKIES.get(DEVICE_COOKIE, ""),
        url=request.build_absolute_uri(),
        headers={h: request.headers.get(h, "") for h in (CONFIG_KEY_HEADER, BROWSER_KEY_HEADER)},
        access_code=access_code[:40],
    )


def ensure_device_cookie(request, response) -> None:
    """A browser without a device name gets one (kept a year, script cannot read it)."""
    if not request.COOKIES.get(DEVICE_COOKIE):
        response.set_cookie(
            DEVICE_COOKIE,
            secrets.token_urlsafe(24),
            max_age=365 * 24 * 3600,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
