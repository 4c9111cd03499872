"""What accounts contributes to the home page (core/home_panels.py): the student's
place in the campus, a director's counts for their node, and, for roles whose
module is not built yet, a sentence saying what will appear there."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impulsa.accounts import selectors
from impulsa.core.home_panels import Figure, HomePanel, figures_for, register, register_figures
from impulsa.org.api import Role, user_memberships

# Roles whose own module comes later: their home says what it will hold, so the page
# is never empty (the navigation cards still show what they can use today).
PENDING_ROLES = {
    Role.EXTERNAL: gettext_lazy(
        "Aquí verás lo que tu institución comparta contigo, como cursos o reportes, en "
        "cuanto esté disponible. Si esperabas ver algo ya, pide ayuda a quien te dio acceso."
    ),
}


def _student_place(request) -> dict | None:
    profile = selectors.own_student_profile(request.user)
    return {"profile": profile} if profile is not None else None


def _director(request) -> dict | None:
    nodes = [m.institution for m in user_memberships(request.user) if m.role == Role.DIRECTOR]
    if not nodes:
        return None
    return {"nodes": [(node, figures_for(request.user, node)) for node in nodes]}


def _people_figures(user, node) -> list[Figure]:
    counts = selectors.node_counts(user, node)
    return [
        Figure(_("Planteles"), counts.campuses),
        Figure(_("Alumnos"), counts.students),
        Figure(_("Docentes"), counts.teachers),
    ]


def _pending(request) -> dict | None:
    held = dict.fromkeys(m.role for m in user_memberships(request.user))
    notes = [(Role(role).label, str(PENDING_ROLES[role])) for role in held if role in PENDING_ROLES]
    return {"notes": notes} if notes else None


def register_panels() -> None:
    register(
        HomePanel("student_place", "accounts/home/student_place.html", _student_place, order=20),
        HomePanel("director", "accounts/home/director.html", _director, order=30),
        HomePanel("pending_roles", "accounts/home/pending_roles.html", _pending, order=80),
    )
    register_figures("people", _people_figures)
