"""The exam page's event reports (the student's own open attempt, bounded and rate
limited), and the integrity reports proctors download (PDF, XLSX), each through the
access rule; a report outside the proctor's reach is a 404, as if it did not exist."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.core.net import client_ip
from impulsa.core.spreadsheets import XLSX_TYPE
from impulsa.proctoring.integrity import events, reports, selectors, services


def _events_key(group, request) -> str:
    return f"{request.user.pk}:{request.resolver_match.kwargs.get('attempt_id')}"


def _events_rate(group, request) -> str:
    return settings.INTEGRITY_EVENTS_RATE


@login_required
@ratelimit(group="proctoring.events", key=_events_key, rate=_events_rate, method="POST", block=True)
@require_POST
def record(request, attempt_id: int):
    """A batch from integrity.js: {"events": [{"kind", "ago_ms", "detail"}]}."""
    if not selectors.is_own_attempt(request.user, attempt_id):
        raise Http404
    if request.content_type != "application/json":
        return JsonResponse({"message": _("El reporte de eventos no es válido.")}, status=415)
    if int(request.headers.get("Content-Length") or 0) > events.MAX_BODY_BYTES:
        return JsonResponse(
            {"message": _("El reporte de eventos es demasiado grande.")}, status=413
        )
    try:
        batch = events.parse_batch(request.body)
        kept, dropped = services.record_batch(
            actor=request.user, attempt_id=attempt_id, events=batch, ip=client_ip(request)
        )
    except AccessDenied:
        raise Http404 from None
    except Conflict as refusal:
        return JsonResponse({"message": str(refusal.message)}, status=409)
    except DomainError as refusal:
        return JsonResponse({"message": str(refusal.message)}, status=400)
    return JsonResponse({"kept": kept, "dropped": dropped})


def _file(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _stamp() -> str:
    return timezone.localtime().strftime("%Y%m%d-%H%M")


@login_required
@require_GET
def attempt_report(request, attempt_id: int, fmt: str):
    report = selectors.attempt_report(request.user, attempt_id)
    if report is None or fmt not in ("pdf", "xlsx"):
        raise Http404
    title = _("Reporte de integridad")
    name = f"integridad-intento-{attempt_id}-{_stamp()}.{fmt}"
    if fmt == "xlsx":
        return _file(reports.xlsx(title, [report]), XLSX_TYPE, name)
    session = report.attempt.session
    subtitle = f"{session.title} · {session.course.name} · {session.campus.name}" if session else ""
    return _file(reports.pdf(title, subtitle, [report]), "application/pdf", name)


@login_required
@require_GET
def session_report(request, session_id: int, fmt: str):
    found = selectors.session_report(request.user, session_id)
    if found is None or fmt not in ("pdf", "xlsx"):
        raise Http404
    session, attempt_reports = found
    title = _("Reporte de integridad")
    name = f"integridad-sesion-{session_id}-{_stamp()}.{fmt}"
    if fmt == "xlsx":
        return _file(reports.xlsx(title, attempt_reports), XLSX_TYPE, name)
    subtitle = f"{session.title} · {session.course.name} · {session.campus.name}"
    return _file(reports.pdf(title, subtitle, attempt_reports), "application/pdf", name)
