"""The student's side: «Mis exámenes», a session's start page, the exam page (answers
saved by exam.js on every change), its save, status and submit endpoints, and the
result page."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from impulsa.assessment.api import (
    EXAM_MODE,
    RESULT_MODE,
    REVIEW_MODE,
    render_attempt_items,
    response_from_post,
)
from impulsa.core.errors import AccessDenied, Conflict, Refusal
from impulsa.proctoring import review
from impulsa.proctoring.kind_codes import QUIZ
from impulsa.proctoring.models import CLOSED_STATES, Attempt
from impulsa.proctoring.taking import selectors, services
from impulsa.proctoring.taking.client import client_of, ensure_device_cookie


@login_required
@require_GET
def my_exams(request):
    sessions = selectors.my_sessions(request.user)
    attempts = selectors.my_attempts(request.user, sessions)
    now = timezone.now()
    rows = [
        {"session": s, "attempts": attempts.get(s.pk, []), "open": s.is_open(now)} for s in sessions
    ]
    return render(request, "proctoring/taking/my_exams.html", {"rows": rows, "now": now})


@login_required
def session_start(request, session_id: int):
    session = selectors.my_session(request.user, session_id)
    if session is None:
        raise Http404
    error = ""
    if request.method == "POST":
        client = client_of(request, request.POST.get("codigo", ""))
        try:
            attempt = services.start_attempt(actor=request.user, session=session, client=client)
        except Refusal as refusal:
            error = refusal.message
        else:
            return redirect("exams:attempt", attempt_id=attempt.pk)
    attempts = selectors.my_attempts(request.user, [session]).get(session.pk, [])
    context = {
        "session": session,
        "attempts": attempts,
        "current": next((a for a in attempts if a.is_open), None),
        "open": session.is_open(),
        "error": error,
        "policy": _policy_or_none(request.user, session),
    }
    response = render(
        request, "proctoring/taking/start.html", context, status=400 if error else 200
    )
    ensure_device_cookie(request, response)
    return response


@login_required
@require_POST
def quiz_start(request, enrollment_id: int, activity_key):
    """«Comenzar cuestionario» in the course: the open try, or a new one."""
    enrollment = selectors.my_enrollment(request.user, enrollment_id)
    if enrollment is None:
        raise Http404
    try:
        attempt = services.start_quiz(
            actor=request.user,
            enrollment=enrollment,
            activity_key=activity_key,
            client=client_of(request),
        )
    except Refusal as refusal:
        return _refused_page(request, refusal.message, enrollment, activity_key)
    return redirect("exams:attempt", attempt_id=attempt.pk)


def _policy_or_none(student, session):
    enrollment = services.session_enrollment(student, session)
    try:
        return services.policy_of(enrollment, session.activity_key)[1] if enrollment else None
    except Refusal:
        return None


def _own_attempt(request, attempt_id) -> Attempt:
    attempt = selectors.my_attempt(request.user, attempt_id)
    if attempt is None:
        raise Http404
    return attempt


@login_required
@require_GET
def attempt_page(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    client = client_of(request)
    if attempt.is_open and (services.is_due(attempt) or not attempt.device):
        # Closing a due attempt or claiming it for this device is a write.
        try:
            attempt = services.heartbeat(actor=request.user, attempt_id=attempt.pk, client=client)
        except Refusal as refusal:
            return _refused_page(request, refusal.message)
    elif attempt.is_open:
        refusal = services.refusal_to_show(attempt, client)
        if refusal:
            return _refused_page(request, refusal)
    activity, policy = services.policy_of(attempt.enrollment, attempt.activity_key)
    if attempt.is_open:
        return _exam_page(request, attempt, activity, policy)
    return _result_page(request, attempt, activity, policy)


def _refused_page(request, message, enrollment=None, activity_key=None):
    back = _course_url(enrollment, activity_key) if enrollment is not None else ""
    return render(
        request, "proctoring/taking/refused.html", {"message": message, "back": back}, status=403
    )


def _course_url(enrollment, activity_key) -> str:
    """Where a quiz lives in the student's course."""
    return reverse(
        "player:activity", kwargs={"enrollment_id": enrollment.pk, "activity_key": activity_key}
    )


def _frame(attempt, activity) -> dict:
    """What the exam and result pages say differently of a course's quiz."""
    is_quiz = activity.kind == QUIZ
    return {
        "is_quiz": is_quiz,
        "back": _course_url(attempt.enrollment, attempt.activity_key) if is_quiz else "",
    }


def _items(request, attempt, activity, mode):
    return render_attempt_items(
        request,
        enrollment=attempt.enrollment,
        activity=activity,
        attempt=attempt.number,
        version_ids=attempt.form["items"],
        mode=mode,
        save_url=lambda pk: reverse(
            "exams:save", kwargs={"attempt_id": attempt.pk, "item_version_id": pk}
        ),
    )


def _clock(seconds: int | None) -> str:
    if seconds is None:
        return ""
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _texts() -> dict:
    """What exam.js says, in the page's language (%s: a number or a time)."""
    return {
        "saving": _("Guardando…"),
        "saved": _("Guardado a las %s."),
        "offline": _("Sin conexión: se guardará al volver."),
        "notSaved": _("Una respuesta no se guardó; revisa el aviso en la pregunta."),
        "minutes": _("Quedan %s minutos."),
        "oneMinute": _("Queda 1 minuto."),
        "seconds": _("Quedan %s segundos."),
        "timeUp": _("Se acabó el tiempo. Tu examen se entrega con lo que guardaste."),
        "paused": _("En pausa: espera a que quien supervisa lo reanude."),
        "resumed": _("El examen continúa."),
        "pending": _("Hay respuestas sin guardar. Si sales ahora, podrías perderlas."),
    }


def _exam_page(request, attempt, activity, policy):
    seconds_left = attempt.seconds_left()
    return render(
        request,
        "proctoring/taking/exam.html",
        {
            "attempt": attempt,
            "activity": activity,
            "items": _items(request, attempt, activity, EXAM_MODE),
            "count": len(attempt.form["items"]),
            "seconds_left": seconds_left,
            "clock": _clock(seconds_left),
            "texts": _texts(),
            **_frame(attempt, activity),
        },
    )


def _result_page(request, attempt, activity, policy):
    used = Attempt.objects.filter(
        enrollment__student=request.user,
        activity_key=attempt.activity_key,
        state__in=CLOSED_STATES,
    ).count()
    accommodation = (
        attempt.session.accommodations.filter(student=request.user).first()
        if attempt.session_id
        else None
    )
    allowed = policy.max_attempts + (accommodation.extra_attempts if accommodation else 0)
    show_grade = review.grade_visible(attempt, policy)
    show_keys = review.keys_visible(attempt, policy, allowed - used)
    return render(
        request,
        "proctoring/taking/result.html",
        {
            "attempt": attempt,
            "activity": activity,
            "policy": policy,
            "show_grade": show_grade,
            "show_keys": show_keys,
            "attempts_left": max(0, allowed - used),
            "items": _items(request, attempt, activity, REVIEW_MODE if show_keys else RESULT_MODE),
            **_frame(attempt, activity),
        },
    )


def _ack_json(ack: services.Ack, status: int = 200) -> JsonResponse:
    attempt = ack.attempt
    return JsonResponse(
        {
            "saved": ack.saved_at is not None,
            "saved_at": timezone.localtime(ack.saved_at).strftime("%H:%M")
            if ack.saved_at
            else None,
            "state": attempt.state,
            "seconds_left": attempt.seconds_left(),
            "paused": attempt.paused_at is not None,
            "message": ack.message,
            "result_url": reverse("exams:attempt", kwargs={"attempt_id": attempt.pk}),
        },
        status=status,
    )


def _refused_json(refusal: Refusal) -> JsonResponse:
    if isinstance(refusal, AccessDenied):
        status = 403
    else:
        status = 409 if isinstance(refusal, Conflict) else 400
    return JsonResponse({"saved": False, "message": str(refusal.message)}, status=status)


@login_required
@require_POST
def save(request, attempt_id: int, item_version_id: int):
    attempt = _own_attempt(request, attempt_id)
    if item_version_id not in attempt.form.get("items", []):
        raise Http404
    try:
        response = response_from_post(attempt.enrollment, item_version_id, request.POST)
        ack = services.save_answer(
            actor=request.user,
            attempt_id=attempt.pk,
            item_version_id=item_version_id,
            response=response,
            client=client_of(request),
        )
    except Refusal as refusal:
        if not _from_script(request):
            return render(
                request, "proctoring/taking/refused.html", {"message": refusal.message}, status=400
            )
        return _refused_json(refusal)
    if not _from_script(request):  # a page without script posted the item's form
        url = reverse("exams:attempt", kwargs={"attempt_id": attempt.pk})
        return redirect(f"{url}#item-{item_version_id}")
    return _ack_json(ack, status=200 if ack.saved_at else 409)


def _from_script(request) -> bool:
    return request.headers.get("X-Exam-Autosave") == "1"


@login_required
@require_GET
def status(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    try:
        attempt = services.heartbeat(
            actor=request.user, attempt_id=attempt.pk, client=client_of(request)
        )
    except Refusal as refusal:
        return _refused_json(refusal)
    return _ack_json(services.Ack(attempt, None))


@login_required
@require_POST
def submit(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    try:
        services.submit(actor=request.user, attempt_id=attempt.pk, client=client_of(request))
    except Refusal as refusal:
        return _refused_page(request, refusal.message)
    return redirect("exams:attempt", attempt_id=attempt.pk)
