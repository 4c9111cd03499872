"""Security headers and the Content Security Policy, kept beside settings.py so that
module stays readable; settings.py imports them (HSTS and secure cookies, which depend
on IMPULSA_ENV, stay there)."""

import environ
from csp.constants import NONCE, NONE, SELF

env = environ.Env()

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
}
# Where browsers open WebSockets (ws:// or wss:// and a host) when /ws/ is not served
# by the site's own host; empty: the same host, nginx sending /ws/ to the ASGI process.
WEBSOCKET_ORIGIN = env.str("WEBSOCKET_ORIGIN", default="").rstrip("/")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *env.list("PUBLIC_MEDIA_ORIGINS", default=[])],
        "font-src": [SELF],
        "connect-src": [SELF, *([WEBSOCKET_ORIGIN] if WEBSOCKET_ORIGIN else [])],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
