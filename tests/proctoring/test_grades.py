"""«Mis calificaciones» and a group's «Calificaciones», on screen and in Excel."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from impulsa.org.roles import Role
from impulsa.proctoring.models import Attempt, ExamSession
from impulsa.proctoring.supervision import services as proctor
from impulsa.proctoring.taking import services
from tests.exam_builders import build_exam, client
from tests.factories import MembershipFactory, StudentProfileFactory, UserFactory
from tests.learning_builders import enroll

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam(world):
    return build_exam(
        world.designer, institution=world.national, staff=world.alice,
        student=world.student_a1, campus=world.campus_a1, review="after_close",
    )  # fmt: skip


def _take(student, exam, answers) -> Attempt:
    attempt = services.start_attempt(actor=student, session=exam.session, client=client())
    for version_id, response in answers:
        services.save_answer(
            actor=student, attempt_id=attempt.pk, item_version_id=version_id,
            response=response, client=client(),
        )  # fmt: skip
    return services.submit(actor=student, attempt_id=attempt.pk, client=client())


def test_the_best_attempt_counts_and_an_annulled_one_never(world, exam, login):
    single, true_false = exam.fixed
    _take(world.student_a1, exam, [(single, 0)])  # 2.5
    best = _take(world.student_a1, exam, [(single, 0), (true_false, True)])  # 5.0
    proctor.invalidate(actor=world.teacher_a1, attempt_id=best.pk, reason="Copió")

    page = login(world.teacher_a1).get(reverse("grades:sheets")).content.decode()
    assert "Grupo 101 · Curso con examen" in page
    url = reverse("grades:group", args=[world.group_a1.pk, exam.course.pk])
    sheet = login(world.teacher_a1).get(url).content.decode()
    assert world.student_a1.get_full_name() in sheet and "2.5" in sheet and "5.0" not in sheet

    response = login(world.teacher_a1).get(url, {"formato": "xlsx"})
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("Alumno", "Matrícula", "Comprueba", "Examen parcial")  # quiz, exam
    assert rows[1][0] == world.student_a1.get_full_name() and float(rows[1][3]) == 2.5


def test_a_student_sees_a_grade_only_when_the_review_policy_allows(world, exam, login):
    _take(world.student_a1, exam, [(exam.fixed[0], 0)])
    client_ = login(world.student_a1)
    page = client_.get(reverse("grades:mine")).content.decode()
    assert "Examen parcial" in page and "Por publicar" in page and "2.5" not in page

    ExamSession.objects.filter(pk=exam.session.pk).update(
        closes_at=timezone.now() - timedelta(seconds=1)
    )
    page = client_.get(reverse("grades:mine")).content.decode()
    assert "2.5" in page and "No aprobado" in page
    workbook = load_workbook(
        BytesIO(client_.get(reverse("grades:mine"), {"formato": "xlsx"}).content)
    )
    assert list(workbook.active.iter_rows(values_only=True))[1:] == [
        ("Curso con examen", "Comprueba", "—", 0),  # the course's quiz, not taken yet
        ("Curso con examen", "Examen parcial", "2.5", 1),
    ]  # fmt: skip


def test_teachers_of_a_sibling_campus_or_another_state_see_no_grades_here(world, exam, login):
    _take(world.student_a1, exam, [(exam.fixed[0], 0)])
    url = reverse("grades:group", args=[world.group_a1.pk, exam.course.pk])
    for campus in (world.campus_a2, world.campus_b1):
        teacher = UserFactory(username=f"docente_{campus.pk}")
        MembershipFactory(user=teacher, institution=campus, role=Role.TEACHER)
        client_ = login(teacher)
        assert "Curso con examen" not in client_.get(reverse("grades:sheets")).content.decode()
        assert client_.get(url).status_code == 404
        assert client_.get(url, {"formato": "xlsx"}).status_code == 404


def test_the_group_sheet_reads_a_bounded_number_of_queries(
    world, exam, login, django_assert_max_num_queries
):
    for n in range(6):
        student = UserFactory(username=f"26148{n:02d}")
        MembershipFactory(user=student, institution=world.campus_a1, role=Role.STUDENT)
        StudentProfileFactory(
            user=student, campus=world.campus_a1, career=world.career_a1, group=world.group_a1
        )
        enroll(world.alice, student, exam.course)
        _take(student, exam, [(exam.fixed[0], 0)])
    client_ = login(world.teacher_a1)
    url = reverse("grades:group", args=[world.group_a1.pk, exam.course.pk])
    client_.get(url)
    with django_assert_max_num_queries(10):
        page = client_.get(url).content.decode()
    assert page.count("2.5") == 6
