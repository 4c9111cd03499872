"""The exam pages as a student, a teacher and a proctor use them, with the access rule
between campuses (a sibling campus and another state)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from impulsa.assessment.models import Answer, ItemVersion
from impulsa.audit.models import AuditEntry
from impulsa.org.roles import Role
from impulsa.proctoring.models import Attempt, AttemptState, ExamSession
from impulsa.proctoring.taking.client import DEVICE_COOKIE
from tests.exam_builders import build_exam
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
AUTOSAVE = {"HTTP_X_EXAM_AUTOSAVE": "1"}


@pytest.fixture
def exam(world):
    return build_exam(
        world.designer,
        institution=world.national,
        staff=world.alice,
        student=world.student_a1,
        campus=world.campus_a1,
    )


def _student_client(login, world):
    client = login(world.student_a1)
    client.cookies[DEVICE_COOKIE] = "phone-one"
    return client


def _started(client, exam) -> Attempt:
    response = client.post(reverse("exams:start", args=[exam.session.pk]))
    assert response.status_code == 302, response.content[:500]
    return Attempt.objects.get()


def test_a_student_finds_the_exam_starts_answers_and_sees_the_grade(world, exam, login):
    client = _student_client(login, world)
    assert exam.session.title in client.get("/").content.decode()  # home: exam open now
    page = client.get(reverse("exams:my_exams")).content.decode()
    assert "Parcial 1" in page and "Presentar" in page
    start_page = client.get(reverse("exams:start", args=[exam.session.pk]))
    assert "30 minutos" in start_page.content.decode()

    attempt = _started(client, exam)
    exam_page = client.get(reverse("exams:attempt", args=[attempt.pk])).content.decode()
    assert "data-exam-page" in exam_page and "Entregar examen" in exam_page
    assert exam_page.count("data-exam-item") == 4
    assert "30:00" in exam_page or "29:5" in exam_page

    single = ItemVersion.objects.get(pk=exam.fixed[0])
    save = reverse("exams:save", args=[attempt.pk, single.pk])
    # The form's radio values are tokens per student; read the right one off the page.
    token = _choice_token(exam_page, single.pk, "3/4")
    response = client.post(save, {"choice": token}, **AUTOSAVE)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["saved"] is True and body["state"] == "in_progress"
    assert 0 < body["seconds_left"] <= 1800
    assert Answer.objects.get(item_version=single).fraction == 1

    status = client.get(reverse("exams:status", args=[attempt.pk])).json()
    assert status["state"] == "in_progress"

    response = client.post(reverse("exams:submit", args=[attempt.pk]))
    assert response.status_code == 302
    result = client.get(response.headers["Location"]).content.decode()
    assert "Calificación: 2.5 de 10" in result and "No aprobado" in result
    # A second attempt remains: the keys stay hidden.
    assert "Te queda 1 intento" in result
    assert "¡Bien! 2/4 + 1/4." not in result


def _choice_token(page: str, version_id: int, label: str) -> str:

    block = page[page.index(f'id="i{version_id}-form"') :]
    block = block[: block.index("</form>")]
    for value, text in re.findall(
        r'value="([^"]+)"[^>]*>\s*<label[^>]*>(.*?)</label>', block, re.S
    ):
        if label in text or label in text.replace("&#x27;", "'"):
            return value
    pytest.fail(f"no choice {label!r} in {block[:2000]}")


def test_without_script_a_saved_answer_returns_to_the_exam(world, exam, login):
    client = _student_client(login, world)
    attempt = _started(client, exam)
    true_false = exam.fixed[1]
    response = client.post(reverse("exams:save", args=[attempt.pk, true_false]), {"answer": "true"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/examenes/intento/{attempt.pk}/#item-{true_false}"
    )


def test_an_empty_answer_is_refused_in_spanish(world, exam, login):
    client = _student_client(login, world)
    attempt = _started(client, exam)
    response = client.post(reverse("exams:save", args=[attempt.pk, exam.fixed[0]]), {}, **AUTOSAVE)
    assert response.status_code == 400
    assert "Escribe o elige una respuesta" in response.json()["message"]


def test_an_expired_attempt_answers_409_and_points_to_the_result(world, exam, login):
    client = _student_client(login, world)
    attempt = _started(client, exam)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=5))
    response = client.post(
        reverse("exams:save", args=[attempt.pk, exam.fixed[1]]),
        {"answer": "true"},
        **AUTOSAVE,
    )
    assert response.status_code == 409
    assert response.json()["state"] == AttemptState.EXPIRED
    assert response.json()["result_url"] == reverse("exams:attempt", args=[attempt.pk])


def test_another_student_cannot_open_or_answer_an_attempt(world, exam, login):
    owner = _student_client(login, world)
    attempt = _started(owner, exam)
    intruder = UserFactory(username="2614077")
    MembershipFactory(user=intruder, institution=world.campus_a1, role=Role.STUDENT)
    client = login(intruder)
    for url in (
        reverse("exams:attempt", args=[attempt.pk]),
        reverse("exams:status", args=[attempt.pk]),
        reverse("exams:start", args=[exam.session.pk]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("exams:save", args=[attempt.pk, exam.fixed[1]]),
        {"answer": "true"},
        **AUTOSAVE,
    )
    assert response.status_code == 404
    assert client.post(reverse("exams:submit", args=[attempt.pk])).status_code == 404
    assert not Answer.objects.exists()
    assert Attempt.objects.get().state == AttemptState.IN_PROGRESS


def test_a_teacher_schedules_a_session_from_the_form(world, exam, login):
    client = login(world.teacher_a1)
    form = client.get(reverse("proctor:session_create")).content.decode()
    assert "Curso con examen — Examen parcial" in form
    opens = timezone.localtime() + timedelta(days=1)
    response = client.post(
        reverse("proctor:session_create"),
        {
            "exam": f"{exam.course.pk}:{exam.activity.key}",
            "title": "Parcial 2",
            "campus": world.campus_a1.pk,
            "opens_at": opens.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (opens + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "groups": [world.group_a1.pk],
            "access_code": "puma",
            "allowed_networks": "10.0.0.0/8\n192.168.1.7",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    session = ExamSession.objects.get(title="Parcial 2")
    assert session.access_code == "PUMA"
    assert list(session.groups.all()) == [world.group_a1]


def test_scheduling_refuses_bad_networks_and_a_close_before_the_opening(world, exam, login):
    client = login(world.teacher_a1)
    opens = timezone.localtime() + timedelta(days=1)
    data = {
        "exam": f"{exam.course.pk}:{exam.activity.key}",
        "title": "Mal",
        "campus": world.campus_a1.pk,
        "opens_at": opens.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (opens - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    }
    response = client.post(reverse("proctor:session_create"), data)
    assert response.status_code == 200 and "cerrar después de abrir" in response.content.decode()
    data["closes_at"] = (opens + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    data["allowed_networks"] = "la red del plantel"
    response = client.post(reverse("proctor:session_create"), data)
    assert "no es una dirección ni una red" in response.content.decode()
    assert not ExamSession.objects.filter(title="Mal").exists()


def test_staff_of_a_sibling_campus_or_another_state_cannot_schedule_here(world, exam):
    from impulsa.core.errors import AccessDenied
    from impulsa.proctoring.scheduling import services

    plan = services.SessionPlan(
        campus=world.campus_a1,
        course=exam.course,
        activity_key=exam.activity.key,
        title="Intruso",
        opens_at=timezone.now(),
        closes_at=timezone.now() + timedelta(hours=1),
    )
    for intruder in (world.bob, world.charlie):
        with pytest.raises(AccessDenied):
            services.schedule_session(actor=intruder, plan=plan)


def test_the_proctor_watches_adds_time_and_invalidates_with_a_reason(world, exam, login):
    student = _student_client(login, world)
    attempt = _started(student, exam)
    proctor = UserFactory(username="supervisor_a1")
    MembershipFactory(user=proctor, institution=world.campus_a1, role=Role.PROCTOR)
    client = login(proctor)

    home = client.get("/").content.decode()
    assert "Exámenes de hoy" in home and "Parcial 1" in home
    page = client.get(reverse("proctor:session", args=[exam.session.pk])).content.decode()
    assert "Aún no comienzan 0 de 1 alumnos" in page  # the one student has started
    live = client.get(reverse("proctor:session_live", args=[exam.session.pk])).content.decode()
    assert world.student_a1.get_full_name() in live and "0 de 4" in live and "Conectado" in live

    deadline = attempt.deadline
    url = reverse("proctor:attempt_action", args=[attempt.pk, "tiempo"])
    assert client.post(url, {"minutes": "10", "reason": "Se fue la luz"}).status_code == 302
    attempt.refresh_from_db()
    assert attempt.deadline == deadline + timedelta(minutes=10)

    url = reverse("proctor:attempt_action", args=[attempt.pk, "anular"])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and "Escribe el motivo" in response.content.decode()
    assert client.post(url, {"reason": "Usó el celular"}).status_code == 302
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.INVALIDATED and "Usó el celular" in attempt.note
    assert AuditEntry.objects.filter(object_pk=str(attempt.pk)).exists()

    student = _student_client(login, world)
    result = student.get(reverse("exams:attempt", args=[attempt.pk])).content.decode()
    assert "anuló este intento" in result


def test_the_session_page_lists_who_has_not_started(world, exam, login):
    page = login(world.teacher_a1).get(reverse("proctor:session", args=[exam.session.pk]))
    text = page.content.decode()
    assert "Aún no comienza 1 de 1 alumnos" in text
    assert world.student_a1.get_full_name() in text


def test_proctors_of_other_campuses_reach_nothing_of_this_session(world, exam, login):
    student = _student_client(login, world)
    attempt = _started(student, exam)
    for campus in (world.campus_a2, world.campus_b1):
        proctor = UserFactory(username=f"supervisor_{campus.pk}")
        MembershipFactory(user=proctor, institution=campus, role=Role.PROCTOR)
        client = login(proctor)
        assert exam.session.title not in client.get(reverse("proctor:sessions")).content.decode()
        for name, args in (
            ("proctor:session", [exam.session.pk]),
            ("proctor:session_live", [exam.session.pk]),
            ("proctor:attempt", [attempt.pk]),
        ):
            assert client.get(reverse(name, args=args)).status_code == 404
        for action in ("tiempo", "anular", "entregar", "pausa"):
            url = reverse("proctor:attempt_action", args=[attempt.pk, action])
            assert client.post(url, {"minutes": "30", "reason": "x"}).status_code == 404
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.IN_PROGRESS and attempt.note == ""


def test_the_live_table_reads_a_bounded_number_of_queries(
    world, exam, login, django_assert_max_num_queries
):
    from impulsa.proctoring.taking import services
    from tests.exam_builders import client as exam_client
    from tests.factories import StudentProfileFactory
    from tests.learning_builders import enroll

    for n in range(8):
        student = UserFactory(username=f"26149{n:02d}")
        MembershipFactory(user=student, institution=world.campus_a1, role=Role.STUDENT)
        StudentProfileFactory(user=student, campus=world.campus_a1, career=world.career_a1)
        enroll(world.alice, student, exam.course)
        services.start_attempt(actor=student, session=exam.session, client=exam_client())
    client = login(world.teacher_a1)
    url = reverse("proctor:session_live", args=[exam.session.pk])
    client.get(url)
    with django_assert_max_num_queries(12):
        page = client.get(url).content.decode()
    assert page.count("0 de 4") == 8


def test_a_proctor_home_shows_todays_sessions_or_says_there_are_none(world, login):
    proctor = UserFactory(username="supervisor_sin")
    MembershipFactory(user=proctor, institution=world.campus_a1, role=Role.PROCTOR)
    page = login(proctor).get("/").content.decode()
    assert "Exámenes de hoy" in page and "Hoy no hay sesiones de examen" in page
    assert "Lo que verás aquí" not in page
