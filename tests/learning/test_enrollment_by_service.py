"""Enrollment by other apps' rules (the diagnostic's placement, a failed subject)."""

import pytest

from impulsa.core.errors import Conflict, DomainError
from impulsa.learning.authoring import services
from impulsa.learning.enrollment import services as enrollments
from impulsa.learning.models import Enrollment, EnrollmentSource, LearningEvent, Verb
from tests.learning_builders import build_course

pytestmark = pytest.mark.django_db


def test_a_rule_enrolls_a_student_with_its_reason_and_a_registered_event(world):
    built = build_course(world.designer, institution=world.national)

    enrollment = enrollments.enroll_by_service(
        student=world.student_a1, course=built.course, reason="Diagnóstico: Matemáticas"
    )

    assert (enrollment.source, enrollment.reason) == (
        EnrollmentSource.SERVICE,
        "Diagnóstico: Matemáticas",
    )
    assert enrollment.campus == world.campus_a1 and enrollment.enrolled_by is None
    event = LearningEvent.objects.get(enrollment=enrollment)
    assert (event.verb, event.actor_id) == (Verb.ENROLLED, world.student_a1.pk)


def test_running_the_rule_again_returns_the_same_enrollment(world):
    built = build_course(world.designer, institution=world.national)
    first = enrollments.enroll_by_service(student=world.student_a1, course=built.course, reason="a")
    again = enrollments.enroll_by_service(student=world.student_a1, course=built.course, reason="b")
    assert again.pk == first.pk
    assert Enrollment.objects.filter(student=world.student_a1).count() == 1


def test_a_course_without_published_content_is_refused_and_nothing_written(world):
    course = services.create_course(actor=world.designer, institution=world.national, name="X")
    with pytest.raises(Conflict, match="aún no tiene contenido publicado"):
        enrollments.enroll_by_service(student=world.student_a1, course=course, reason="a")
    assert not Enrollment.objects.exists()


def test_only_students_can_be_enrolled(world):
    built = build_course(world.designer, institution=world.national)
    with pytest.raises(DomainError, match="no es alumno"):
        enrollments.enroll_by_service(student=world.teacher_a1, course=built.course, reason="a")
    assert not Enrollment.objects.exists()
