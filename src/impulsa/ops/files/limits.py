"""A request body larger than any upload we accept is refused before it is read.

Each upload form checks its own file (core/uploads.py: type, content, size), but
Django spools a multipart body to disk before any form sees it, so without this a
2 GB "course file" would fill a web server's disk first. nginx's
client_max_body_size stops such bodies in production (deploy/nginx.conf, with the
same limit and a Spanish page); this middleware gives the same answer where the app
is reached without nginx (the demo, a Kubernetes ingress configured otherwise).
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def _too_large(request, size: int):
    message = _(
        "Lo que enviaste pesa %(size)s y el máximo es %(max)s. Reduce el archivo (por "
        "ejemplo, comprime el PDF o baja la resolución del video) y vuelve a intentarlo."
    ) % {"size": filesizeformat(size), "max": filesizeformat(settings.MAX_REQUEST_BYTES)}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    context = {"title": _("El archivo es demasiado grande"), "message": message}
    return render(request, "core/error.html", context, status=413)


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        if size > settings.MAX_REQUEST_BYTES:
            return _too_large(request, size)
        return self.get_response(request)
