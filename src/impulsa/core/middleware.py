"""Request plumbing: sliding session expiry and domain errors turned into HTTP answers."""

import time

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from impulsa.core.errors import AccessDenied, Conflict, DomainError


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError):
            return None
        if isinstance(exception, AccessDenied):
            status, title = 403, _("Sin permiso")
        elif isinstance(exception, Conflict):
            status, title = 409, _("No se pudo completar")
        else:
            status, title = 400, _("No se pudo completar")
        return render(
            request,
            "core/error.html",
            {"title": title, "message": exception.message},
            status=status,
        )


class SlidingSessionMiddleware:
    """Idle expiry without a session write on every request.

    Django's SESSION_SAVE_EVERY_REQUEST costs two cache round trips per request;
    renewing the expiry only when the last renewal is older than
    SESSION_REFRESH_SECONDS keeps sessions alive while in use and lets them end
    SESSION_COOKIE_AGE (minus at most the refresh interval) after the last request.
    """

    KEY = "_renewed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[self.KEY] = now
        return response
