"""Process health, readiness and the shared error pages."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token


@never_cache
def healthz(request):
    """The process is alive; touches nothing else."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """Ready to serve: the database answers, and Redis when it is configured."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"error: {exc.__class__.__name__}"
    if settings.REDIS_URL:
        try:
            cache.set("readyz", "1", timeout=5)
            checks["redis"] = "ok" if cache.get("readyz") == "1" else "error: lectura"
        except Exception as exc:
            checks["redis"] = f"error: {exc.__class__.__name__}"
    ready = all(v == "ok" for v in checks.values())
    return JsonResponse({"ready": ready, "checks": checks}, status=200 if ready else 503)


def rate_limited(request, exception=None):
    """django-ratelimit's answer when a client sends too many requests."""
    return render(
        request,
        "core/error.html",
        {
            "title": _("Demasiados intentos"),
            "message": _("Espera un minuto antes de volver a intentarlo."),
        },
        status=429,
    )


# Django's error pages, except under /api/, which answers JSON whatever went wrong
# (clients parse every answer; the schema documents the {"detail": ...} body).
def _is_api(request) -> bool:
    return request.path.startswith("/api/")


@requires_csrf_token
def bad_request(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": _("La petición no es válida.")}, status=400)
    return defaults.bad_request(request, exception)


@requires_csrf_token
def permission_denied(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": _("No tienes permiso para hacer esto.")}, status=403)
    return defaults.permission_denied(request, exception)


@requires_csrf_token
def page_not_found(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": _("No existe esa dirección de la API.")}, status=404)
    return defaults.page_not_found(request, exception)


@requires_csrf_token
def server_error(request):
    if _is_api(request):
        message = _("Algo salió mal; ya quedó registrado. Intenta de nuevo en unos minutos.")
        return JsonResponse({"detail": message}, status=500)
    return defaults.server_error(request)
