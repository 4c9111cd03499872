"""Staff pages: the sessions list, scheduling one, and accommodations."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from impulsa.core.errors import DomainError
from impulsa.core.forms import add_domain_error
from impulsa.learning.api import Course
from impulsa.org.api import Capability, has_anywhere
from impulsa.proctoring.scheduling import services
from impulsa.proctoring.scheduling.forms import AccommodationForm, SessionForm
from impulsa.proctoring.supervision import selectors
from impulsa.proctoring.supervision.pages import session_page, session_students


def _require(user, capability):
    if not has_anywhere(user, capability):
        raise Http404


@login_required
@require_GET
def session_list(request):
    _require(request.user, Capability.PROCTOR_EXAMS)
    sessions = selectors.sessions(request.user).order_by("-opens_at")[:100]
    can_schedule = has_anywhere(request.user, Capability.SCHEDULE_EXAMS)
    return render(
        request,
        "proctoring/scheduling/session_list.html",
        {"sessions": sessions, "can_schedule": can_schedule},
    )


@login_required
def session_create(request):
    _require(request.user, Capability.SCHEDULE_EXAMS)
    form = SessionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        course_id, key = data["exam"].split(":", 1)
        plan = services.SessionPlan(
            campus=data["campus"],
            course=Course.objects.get(pk=int(course_id)),
            activity_key=UUID(key),
            title=data["title"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            groups=tuple(data["groups"]),
            access_code=data["access_code"],
            allowed_networks=data["allowed_networks"],
            safe_browser_keys=data["safe_browser_keys"],
        )
        try:
            session = services.schedule_session(actor=request.user, plan=plan)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("proctor:session", session_id=session.pk)
    return render(request, "proctoring/scheduling/session_form.html", {"form": form})


@login_required
@require_POST
def accommodation(request, session_id: int):
    session = selectors.session(request.user, session_id, Capability.SCHEDULE_EXAMS)
    if session is None:
        raise Http404
    students = session_students(session)
    form = AccommodationForm(request.POST, students=students)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.grant_accommodation(
                actor=request.user,
                session=session,
                student=students.get(pk=int(data["student"])),
                extra_minutes=data["extra_minutes"],
                extra_attempts=data["extra_attempts"],
                unlimited_time=data["unlimited_time"],
                reason=data["reason"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("proctor:session", session_id=session.pk)
    return session_page(request, session, accommodation_form=form, status=400)


@login_required
@require_POST
def release(request, session_id: int):
    session = selectors.session(request.user, session_id, Capability.SCHEDULE_EXAMS)
    if session is None:
        raise Http404
    services.release_results(actor=request.user, session=session)
    return redirect("proctor:session", session_id=session.pk)
