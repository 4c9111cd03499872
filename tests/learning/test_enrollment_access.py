"""Who may see and change enrollments: a campus sees its own students only, another
state's course is 404, and a teacher enrolls only students of their own campus."""

import pytest
from django.urls import reverse

from impulsa.core.errors import AccessDenied
from impulsa.learning.enrollment import services as enrollments
from impulsa.learning.models import Enrollment, EnrollmentStatus, LearningEvent
from tests.factories import MembershipFactory, UserFactory
from tests.learning_builders import build_course, enroll


@pytest.fixture
def national_course(world):
    return build_course(world.designer, institution=world.national, name="Catálogo").course


@pytest.fixture
def state_a_course(world):
    return build_course(world.state_admin_a, institution=world.state_a, name="Jalisco").course


def _url(name, **kwargs):
    return reverse(f"enrollment:{name}", kwargs=kwargs)


def test_other_state_sees_no_enrollments_of_a_shared_course(world, login, national_course):
    enroll(world.alice, world.student_a1, national_course)
    response = login(world.charlie).get(_url("course", course_id=national_course.pk))
    assert response.status_code == 200
    assert response.context["rows"] == []
    assert "2614001" not in response.content.decode()


def test_sibling_campus_sees_only_its_own_students(world, login, national_course):
    enroll(world.alice, world.student_a1, national_course)
    enroll(world.bob, world.student_a2, national_course)
    rows = login(world.bob).get(_url("course", course_id=national_course.pk)).context["rows"]
    assert [e.student for e, _percent, _manageable, _again in rows] == [world.student_a2]


def test_state_admin_sees_every_campus_of_the_state(world, login, national_course):
    enroll(world.alice, world.student_a1, national_course)
    enroll(world.bob, world.student_a2, national_course)
    response = login(world.state_admin_a).get(_url("course", course_id=national_course.pk))
    assert {e.student for e, _p, _m, _again in response.context["rows"]} == {
        world.student_a1,
        world.student_a2,
    }
    assert response.context["shows_campus"]


@pytest.mark.parametrize("page", ["course", "enroll", "enroll_bulk"])
def test_another_states_course_is_not_found(world, login, state_a_course, page):
    enroll(world.alice, world.student_a1, state_a_course)
    response = login(world.charlie).get(_url(page, course_id=state_a_course.pk))
    assert response.status_code == 404
    assert "Jalisco" not in response.content.decode()


def test_another_campus_cannot_withdraw_an_enrollment(world, login, national_course):
    enrollment = enroll(world.alice, world.student_a1, national_course)
    url = _url("withdraw", enrollment_id=enrollment.pk)
    for outsider in (world.bob, world.charlie):
        client = login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.ACTIVE


def test_teacher_enrolls_own_campus_student_but_not_a_sibling_campus_one(
    world, login, national_course
):
    client = login(world.teacher_a1)
    refused = client.post(_url("enroll", course_id=national_course.pk), {"matricula": "2614002"})
    assert refused.status_code == 200
    assert "No hay un alumno con la matrícula «2614002» entre los que inscribes" in (
        refused.content.decode()
    )
    assert not Enrollment.objects.exists()
    accepted = client.post(_url("enroll", course_id=national_course.pk), {"matricula": "2614001"})
    assert accepted.status_code == 302
    assert list(Enrollment.objects.values_list("student", flat=True)) == [world.student_a1.pk]


def test_enroll_service_refuses_a_student_outside_the_actors_campus(world, national_course):
    with pytest.raises(AccessDenied, match="No tienes permiso"):
        enrollments.enroll(actor=world.teacher_a1, student=world.student_a2, course=national_course)
    assert not Enrollment.objects.exists()
    assert not LearningEvent.objects.exists()


def test_bulk_enrollment_with_one_out_of_scope_student_writes_nothing(world, national_course):
    with pytest.raises(AccessDenied):
        enrollments.enroll_many(
            actor=world.teacher_a1,
            students=[world.student_a1, world.student_a2],
            course=national_course,
        )
    assert not Enrollment.objects.exists()


def test_search_never_lists_students_of_other_campuses(world, login, national_course):
    response = login(world.teacher_a1).get(
        _url("enroll", course_id=national_course.pk), {"q": "26140"}
    )
    assert [p.user for p, _status in response.context["results"]] == [world.student_a1]


def test_director_reads_enrollments_but_cannot_enroll_or_withdraw(world, login, national_course):
    director = UserFactory(username="director_a1")
    MembershipFactory(user=director, institution=world.campus_a1, role="director")
    enrollment = enroll(world.alice, world.student_a1, national_course)
    client = login(director)
    response = client.get(_url("course", course_id=national_course.pk))
    assert [(e.pk, manageable) for e, _p, manageable, _again in response.context["rows"]] == [
        (enrollment.pk, False)
    ]
    assert not response.context["can_enroll"]
    assert client.get(_url("enroll", course_id=national_course.pk)).status_code == 403
    assert client.post(_url("withdraw", enrollment_id=enrollment.pk)).status_code == 403


def test_content_designer_has_no_enrollment_pages(world, login, national_course):
    client = login(world.designer)
    assert client.get(_url("catalog")).status_code == 403
    assert client.get(_url("course", course_id=national_course.pk)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, world, national_course):
    response = client.get(_url("course", course_id=national_course.pk))
    assert response.status_code == 302
    assert "/cuenta/entrar/" in response["Location"]
