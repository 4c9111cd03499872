"""The session page staff and proctors share: the live table, accommodations and,
for staff who schedule, the results release."""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from impulsa.accounts.api import User
from impulsa.learning.api import Enrollment, EnrollmentStatus
from impulsa.org.api import Capability, can
from impulsa.proctoring.scheduling.forms import AccommodationForm
from impulsa.proctoring.supervision import selectors


def session_students(session):
    """The students the session is for: enrolled in its course at its campus, and in
    one of its groups when it names any."""
    enrolled = Enrollment.objects.filter(
        course_id=session.course_id, campus_id=session.campus_id, status=EnrollmentStatus.ACTIVE
    )
    students = User.objects.filter(pk__in=enrolled.values("student_id"))
    group_ids = [g.pk for g in session.groups.all()]
    if group_ids:
        students = students.filter(student_profile__group_id__in=group_ids)
    return students.order_by("last_name", "second_last_name", "first_name", "id")


def _live_socket(session) -> str:
    """Where the page opens its WebSocket ("": it polls only)."""
    if not settings.LIVE_WEBSOCKETS:
        return ""
    return f"{settings.WEBSOCKET_ORIGIN}/ws/examenes/sesiones/{session.pk}/"


def session_page(request, session, *, accommodation_form=None, status=200):
    can_schedule = can(request.user, Capability.SCHEDULE_EXAMS, session.campus)
    students = list(session_students(session))
    if can_schedule and accommodation_form is None:
        accommodation_form = AccommodationForm(students=students)
    rows = selectors.live_rows(session)
    started = {row["student"].pk for row in rows}
    return render(
        request,
        "proctoring/supervision/session.html",
        {
            "session": session,
            "live_socket": _live_socket(session),
            "rows": rows,
            "expected": len(students),
            "not_started": [s for s in students if s.pk not in started],
            "now": timezone.now(),
            "can_schedule": can_schedule,
            "accommodation_form": accommodation_form if can_schedule else None,
            "accommodations": session.accommodations.select_related("student", "granted_by"),
        },
        status=status,
    )
