"""Request plumbing: the interface language, sliding session expiry and domain errors
turned into HTTP answers."""

import time

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
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


class LanguageMiddleware:
    """Spanish (es-MX) unless the person chose another language.

    Unlike Django's LocaleMiddleware we ignore the browser's Accept-Language: many
    phones in Mexico ship set to English, and the product speaks Spanish first. The
    choice lives in the language cookie (the footer's selector, or the account's
    preferred language at log-in).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
