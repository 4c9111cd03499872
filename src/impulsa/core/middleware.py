"""Turn domain errors that escape a view into the right HTTP answer."""

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
