"""Request plumbing: the interface language, sliding session expiry, requests with a
NUL character refused, and domain errors turned into HTTP answers."""

import json
import time

from django.conf import settings
from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from impulsa.core.errors import AccessDenied, Conflict, Refusal


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Refusal):
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


class NulCharacterMiddleware:
    """Refuse (400) a request whose query string or body carries a NUL character.

    PostgreSQL cannot store NUL in text, so a NUL reaching a query is a 500 wherever a
    form or serializer forgot to refuse it. One check here covers every view: the
    query string, form fields (urlencoded and multipart, not the uploaded files'
    contents, where NUL is ordinary binary data) and JSON bodies, whether the NUL is
    raw or escaped as \\u0000.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return nul_refusal(request)
        return self.get_response(request)


def nul_refusal(request):
    message = _("La petición contiene un carácter nulo (\\0), que no se admite.")
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return render(
        request,
        "core/error.html",
        {"title": _("Petición no válida"), "message": message},
        status=400,
    )


def _has_nul(request) -> bool:
    if _any_nul(request.GET.lists()):
        return True
    content_type = request.content_type or ""
    if content_type == "multipart/form-data":
        # Django parses multipart bodies for POST only (DRF parses the others itself).
        return request.method == "POST" and (
            _any_nul(request.POST.lists())
            or any("\x00" in (f.name or "") for f in request.FILES.values())
        )
    if content_type == "application/x-www-form-urlencoded":
        body = request.body
        return b"\x00" in body or (
            b"%00" in body and _any_nul(QueryDict(body, encoding=request.encoding).lists())
        )
    if content_type == "application/json" or content_type.endswith("+json"):
        body = request.body
        return b"\x00" in body or (b"\\u0000" in body and _json_has_nul(body))
    return False


def _any_nul(items) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in items)


def _json_has_nul(body: bytes) -> bool:
    try:
        data = json.loads(body)
    except ValueError:
        return False  # not JSON: the parser refuses it with its own 400
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str) and "\x00" in item:
            return True
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


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
