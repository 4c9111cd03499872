"""Administrators' home shows the ARCO requests of their scope that wait, those near
their deadline and those past it."""

import datetime

from impulsa.ops.privacy import arco
from impulsa.ops.privacy.models import ArcoRequest


def test_the_admin_home_counts_waiting_soon_and_overdue_requests(world, login):
    first = arco.file_request(
        actor=world.student_a1, subject=world.student_a1, right="access", description="x"
    )
    arco.file_request(
        actor=world.student_a1, subject=world.student_a1, right="opposition", description="y"
    )
    ArcoRequest.objects.filter(pk=first.pk).update(due_on=datetime.date(2020, 1, 6))
    page = login(world.alice).get("/")
    panel = page.context["panels"]
    (privacy,) = [p for p in panel if p.key == "privacy"]
    assert privacy.context == {"waiting": 2, "soon": 0, "overdue": 1, "to_effect": 0}
    assert "Solicitudes de datos personales (ARCO)" in page.text


def test_a_sibling_campus_admin_counts_none_and_a_student_sees_no_panel(world, login):
    arco.file_request(
        actor=world.student_a1, subject=world.student_a1, right="access", description="x"
    )
    (privacy,) = [p for p in login(world.bob).get("/").context["panels"] if p.key == "privacy"]
    assert privacy.context["waiting"] == 0
    assert all(p.key != "privacy" for p in login(world.student_a1).get("/").context["panels"])
