import pytest

from impulsa.helpdesk.demo_data import seed_helpdesk
from impulsa.helpdesk.models import Announcement, CannedResponse, Ticket
from impulsa.org.roles import Role
from tests.dual.builders import person
from tests.factories import StudentProfileFactory
from tests.helpdesk.builders import category

pytestmark = pytest.mark.django_db


def test_demo_builds_tickets_canned_responses_and_announcements_once(world):
    for name in ("Acceso y contraseña", "Cursos y reproductor", "Exámenes"):
        category(name)
    for n in range(2):
        student = person(f"26140{n}9", world.campus_a1, Role.STUDENT)
        StudentProfileFactory(user=student, campus=world.campus_a1, career=world.career_a1,
                              group=world.group_a1, matricula=f"26140{n}9")  # fmt: skip
    person("soporte.jalisco", world.state_a, Role.SUPPORT_AGENT)
    person("soporte.nacional", world.national, Role.SUPPORT_AGENT)
    person("admin.nacional", world.national, Role.NATIONAL_ADMIN)
    seed_helpdesk()
    tickets = Ticket.objects.order_by("pk")
    assert [t.status for t in tickets] == ["new", "waiting", "closed"]
    assert {t.assigned_to.username for t in tickets} == {"soporte.jalisco"}
    assert tickets[2].satisfaction.rating == 5
    assert CannedResponse.objects.count() == 3
    assert set(Announcement.objects.values_list("kind", flat=True)) == {"maintenance", "general"}
    assert seed_helpdesk() == ["mesa de ayuda: 33 guías; ya había solicitudes (o falta el plantel)"]
