"""Proctoring's menu entries and home panels: a student's exams open now, and the
sessions of today for whoever proctors or schedules them."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impulsa.core.home_panels import HomePanel
from impulsa.core.home_panels import register as register_panel
from impulsa.core.navigation import NavEntry, register
from impulsa.org.api import Capability, Role, grants, has_capability
from impulsa.proctoring.supervision.selectors import todays_sessions
from impulsa.proctoring.taking.selectors import my_sessions


def _is_student(user) -> bool:
    return any(g.role == Role.STUDENT for g in grants(user))


def _student_exams(request) -> dict | None:
    if not _is_student(request.user):
        return None
    now = timezone.now()
    open_now = [s for s in my_sessions(request.user) if s.is_open(now)]
    return {"sessions": open_now} if open_now else None


def _todays_sessions(request) -> dict | None:
    if not has_capability(Capability.PROCTOR_EXAMS)(request.user):
        return None
    return {"sessions": list(todays_sessions(request.user)[:20]), "now": timezone.now()}


def register_entries() -> None:
    register(
        NavEntry(
            key="my_exams",
            label=_("Mis exámenes"),
            url_name="exams:my_exams",
            description=_("Exámenes que te toca presentar y tus resultados."),
            visible=_is_student,
            order=6,
        ),
        NavEntry(
            key="exam_sessions",
            label=_("Exámenes"),
            url_name="proctor:sessions",
            description=_("Sesiones de examen: programa, supervisa en vivo y revisa intentos."),
            visible=has_capability(Capability.PROCTOR_EXAMS),
            order=45,
        ),
        NavEntry(
            key="my_grades",
            label=_("Mis calificaciones"),
            url_name="grades:mine",
            description=_("Tus calificaciones de exámenes, para descargar en Excel."),
            visible=_is_student,
            order=7,
        ),
        NavEntry(
            key="grades",
            label=_("Calificaciones"),
            url_name="grades:sheets",
            description=_("Calificaciones de exámenes por grupo y curso, en Excel."),
            visible=has_capability(Capability.VIEW_LEARNING),
            order=46,
        ),
    )
    register_panel(
        HomePanel("student_exams", "proctoring/home/student_exams.html", _student_exams, order=5),
        HomePanel(
            "todays_sessions", "proctoring/home/todays_sessions.html", _todays_sessions, order=25
        ),
    )
