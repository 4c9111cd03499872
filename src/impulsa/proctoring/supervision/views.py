"""The proctor's pages: a session live (a table refreshed every few seconds) and one
attempt with its timeline and the actions on it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from impulsa.core.errors import DomainError
from impulsa.proctoring.integrity.selectors import timeline
from impulsa.proctoring.supervision import selectors, services
from impulsa.proctoring.supervision.pages import session_page


@login_required
@require_GET
def session_detail(request, session_id: int):
    session = selectors.session(request.user, session_id)
    if session is None:
        raise Http404
    return session_page(request, session)


@login_required
@require_GET
def session_live(request, session_id: int):
    session = selectors.session(request.user, session_id)
    if session is None:
        raise Http404
    return render(
        request,
        "proctoring/supervision/live_rows.html",
        {"session": session, "rows": selectors.live_rows(session), "now": timezone.now()},
    )


@login_required
@require_GET
def attempt_detail(request, attempt_id: int, error: str = ""):
    attempt = selectors.attempt(request.user, attempt_id)
    if attempt is None:
        raise Http404
    return render(
        request,
        "proctoring/supervision/attempt.html",
        {"attempt": attempt, "timeline": timeline(attempt), "error": error},
        status=400 if error else 200,
    )


def _minutes(request) -> int:
    try:
        return int(request.POST.get("minutes", ""))
    except ValueError:
        raise DomainError(_("Escribe los minutos con número."), field="minutes") from None


ACTIONS = {
    "tiempo": lambda r, u, pk: services.add_time(
        actor=u, attempt_id=pk, minutes=_minutes(r), reason=r.POST.get("reason", "")
    ),
    "pausa": lambda r, u, pk: services.pause(actor=u, attempt_id=pk),
    "reanudar": lambda r, u, pk: services.resume(actor=u, attempt_id=pk),
    "dispositivo": lambda r, u, pk: services.allow_device_change(actor=u, attempt_id=pk),
    "entregar": lambda r, u, pk: services.force_submit(
        actor=u, attempt_id=pk, reason=r.POST.get("reason", "")
    ),
    "nota": lambda r, u, pk: services.annotate(actor=u, attempt_id=pk, text=r.POST.get("text", "")),
    "anular": lambda r, u, pk: services.invalidate(
        actor=u, attempt_id=pk, reason=r.POST.get("reason", "")
    ),
}


@login_required
@require_POST
def attempt_action(request, attempt_id: int, action: str):
    attempt = selectors.attempt(request.user, attempt_id)
    if attempt is None or action not in ACTIONS:
        raise Http404
    try:
        ACTIONS[action](request, request.user, attempt.pk)
    except DomainError as error:
        request.method = "GET"
        return attempt_detail(request, attempt_id, error=error.message)
    return redirect("proctor:attempt", attempt_id=attempt.pk)
