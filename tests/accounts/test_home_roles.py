"""Every role's home shows its job with what exists today (issue 7)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from impulsa.learning.models import Enrollment
from impulsa.learning.publishing import version_cache as published
from impulsa.org.models import Membership
from impulsa.org.roles import Role
from tests.factories import GroupFactory, MembershipFactory, StudentProfileFactory, UserFactory
from tests.learning_builders import build_course, enroll


@pytest.fixture
def course(world):
    return build_course(world.designer, institution=world.national, name="Álgebra básica")


def _page(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _queries(client) -> int:
    client.get(reverse("home"))  # warm the per-process caches (branding, tree)
    published.forget()  # outlines are remembered per process: count the cold case
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("home")).status_code == 200
    return len(captured)


def _add_student(world, group, n, course=None):
    user = UserFactory(username=f"alumno{n}")
    MembershipFactory(user=user, institution=group.campus, role=Role.STUDENT)
    StudentProfileFactory(
        user=user, campus=group.campus, career=world.career_a1, group=group, matricula=f"27{n:08d}"
    )
    if course is not None:
        enroll(world.alice, user, course.course)
    return user


# --- Student ---------------------------------------------------------------------------


def test_student_home_puts_courses_and_continue_first(world, course, login):
    enrollment = enroll(world.alice, world.student_a1, course.course)
    client = login(world.student_a1)
    page = _page(client)
    assert page.index("Tus cursos") < page.index("Tu lugar en el plantel")
    assert page.index("Álgebra básica") < page.index("Dónde participas")
    first_activity = reverse(
        "player:activity",
        kwargs={"enrollment_id": enrollment.pk, "activity_key": course.content.key},
    )
    assert f'href="{first_activity}">Empezar' in page

    client.get(first_activity)
    client.post(
        reverse(
            "player:complete",
            kwargs={"enrollment_id": enrollment.pk, "activity_key": course.content.key},
        )
    )
    page = _page(client)
    next_activity = reverse(
        "player:activity",
        kwargs={"enrollment_id": enrollment.pk, "activity_key": course.practice.key},
    )
    assert f'href="{next_activity}">Continuar' in page


def test_student_without_courses_is_told_they_will_appear(world, login):
    page = _page(login(world.student_a1))
    assert "Todavía no estás inscrito en ningún curso" in page


# --- Teacher ---------------------------------------------------------------------------


def test_teacher_sees_groups_progress_and_who_has_not_worked(world, course, login):
    active = enroll(world.alice, world.student_a1, course.course)
    idle_user = _add_student(world, world.group_a1, 1, course)
    Enrollment.objects.filter(pk=active.pk).update(last_seen_at=timezone.now())
    Enrollment.objects.filter(student=idle_user).update(
        last_seen_at=timezone.now() - datetime.timedelta(days=8)
    )
    enroll(world.bob, world.student_a2, course.course)  # sibling campus: not theirs

    page = _page(login(world.teacher_a1))
    assert "Tus grupos" in page
    assert "Grupo 101" in page
    assert world.student_a1.get_full_name() in page
    assert idle_user.get_full_name() in page
    assert world.student_a2.get_full_name() not in page
    assert "Álgebra básica: 0 %" in page
    assert "1 sin actividad reciente" in page
    rows = page.split('<li class="list-group-item">')[1:]
    flagged = [row for row in rows if "Sin actividad en 7 días" in row]
    assert len(flagged) == 1 and idle_user.get_full_name() in flagged[0]


def test_teacher_home_queries_do_not_grow_with_groups_or_students(world, course, login):
    enroll(world.alice, world.student_a1, course.course)
    client = login(world.teacher_a1)
    few = _queries(client)
    for n in range(3):
        group = GroupFactory(campus=world.campus_a1, period=world.group_a1.period, name=f"2{n}1")
        for m in range(3):
            _add_student(world, group, 10 * n + m, course)
    assert _queries(client) == few


def test_teacher_without_groups_reads_what_will_appear(world, login):
    world.group_a1.students.update(group=None)
    world.group_a1.delete()
    page = _page(login(world.teacher_a1))
    assert "Tu plantel aún no tiene grupos en el periodo vigente" in page


# --- Director --------------------------------------------------------------------------


def _director(world, institution):
    user = UserFactory(username=f"director_{institution.pk}")
    MembershipFactory(user=user, institution=institution, role=Role.DIRECTOR)
    return user


def _figure(page: str, label: str) -> str:
    match = re.search(rf"<dt[^>]*>{label}.*?</dt>\s*<dd[^>]*>([\d,]+)</dd>", page, re.S)
    assert match, f"no figure {label}"
    return match.group(1)


def test_director_sees_counts_for_their_node(world, course, login):
    enrollment = enroll(world.alice, world.student_a1, course.course)
    Enrollment.objects.filter(pk=enrollment.pk).update(last_seen_at=timezone.now())
    enroll(world.bob, world.student_a2, course.course)
    enroll(world.charlie, world.student_b1, course.course)  # other state

    page = _page(login(_director(world, world.state_a)))
    assert f"{world.state_a.name} en cifras" in page
    assert _figure(page, "Planteles") == "2"
    assert _figure(page, "Alumnos") == "2"
    assert _figure(page, "Docentes") == "1"
    assert _figure(page, "Inscripciones en curso") == "2"
    assert _figure(page, "Alumnos activos") == "1"

    page = _page(login(_director(world, world.campus_a1)))
    assert _figure(page, "Planteles") == "1"
    assert _figure(page, "Alumnos") == "1"
    assert _figure(page, "Inscripciones en curso") == "1"


def test_director_home_queries_do_not_grow_with_students(world, course, login):
    client = login(_director(world, world.state_a))
    few = _queries(client)
    for n in range(4):
        _add_student(world, world.group_a1, n, course)
    assert _queries(client) == few


# --- Roles whose module is not built yet -------------------------------------------------

PENDING = {
    Role.EXTERNAL: "lo que tu institución comparta contigo",
}


@pytest.mark.parametrize("role", list(PENDING))
def test_roles_without_their_module_read_what_will_appear(world, login, role):
    user = UserFactory(username=f"rol_{role}")
    Membership.objects.create(user=user, institution=world.campus_a1, role=role)
    page = _page(login(user))
    assert "Lo que verás aquí" in page
    assert PENDING[role] in page
