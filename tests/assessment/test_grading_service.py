"""grade_answer: who may grade whose answers, the rubric's levels checked, the grade as
points over the maximum (Decimal), every grade change audited, and the listeners told
inside the same transaction."""

from decimal import Decimal

import psycopg
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import OperationalError, connection, transaction

from impulsa.assessment.api import grade_answer, on_answers_changed
from impulsa.assessment.grading import listeners
from impulsa.assessment.models import Answer, GradingState
from impulsa.audit.models import AuditEntry
from impulsa.core.errors import AccessDenied, DomainError
from impulsa.org.roles import Role
from tests.assessment.grading_builders import essay_course
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def course(world):
    return essay_course(world)


@pytest.fixture
def heard():
    calls = []
    on_answers_changed(calls.append)
    yield calls
    listeners.forget(calls.append)


def _entries(answer):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Answer), object_pk=str(answer.pk)
    ).order_by("pk")


def test_a_teacher_grades_an_essay_of_their_campus(world, course, heard):
    answer = course.answer(world.alice, world.student_a1)

    graded = grade_answer(
        actor=world.teacher_a1, answer_id=answer.pk, rubric_scores=[2, 1], comment=" Bien. "
    )

    assert (graded.points, graded.max_points) == (Decimal("2.5"), Decimal(4))
    answer.refresh_from_db()
    assert answer.grading_state == GradingState.GRADED
    assert answer.fraction == Decimal("0.6250")
    assert answer.rubric_scores == [2, 1]
    assert answer.grader_comment == "Bien."
    assert answer.graded_by == world.teacher_a1 and answer.graded_at is not None
    assert heard == [[(answer.enrollment_id, answer.activity_key, answer.attempt)]]


def test_every_grade_change_is_audited_with_its_grader(world, course):
    answer = course.answer(world.alice, world.student_a1)
    assert not _entries(answer).exists()  # the student's save is no grade change

    grade_answer(actor=world.teacher_a1, answer_id=answer.pk, rubric_scores=[2, 2])
    grade_answer(actor=world.alice, answer_id=answer.pk, rubric_scores=[1, 0])

    first, second = _entries(answer)
    assert first.actor == world.teacher_a1 and second.actor == world.alice
    assert first.changes_dict["fraction"] == ["0.0000", "1.0000"]
    assert first.changes_dict["grading_state"] == ["pending", "graded"]
    assert second.changes_dict["fraction"] == ["1.0000", "0.2500"]
    assert first.institution_id == world.campus_a1.pk  # filed under the student's campus


@pytest.mark.parametrize("victim", ["student_a2", "student_b1"])
def test_a_teacher_cannot_grade_a_sibling_campus_or_another_state(world, course, heard, victim):
    admin = world.bob if victim == "student_a2" else world.charlie
    answer = course.answer(admin, getattr(world, victim))

    with pytest.raises(AccessDenied):
        grade_answer(actor=world.teacher_a1, answer_id=answer.pk, rubric_scores=[2, 2])

    answer.refresh_from_db()
    assert answer.grading_state == GradingState.PENDING and answer.fraction == 0
    assert heard == [] and not _entries(answer).exists()


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.DUAL_TUTOR, Role.PROCTOR, Role.STUDENT])
def test_roles_that_do_not_grade_are_refused(world, course, role):
    answer = course.answer(world.alice, world.student_a1)
    user = UserFactory(username=f"sin_{role}")
    MembershipFactory(user=user, institution=world.campus_a1, role=role)

    with pytest.raises(AccessDenied):
        grade_answer(actor=user, answer_id=answer.pk, rubric_scores=[2, 2])


def test_state_admin_grades_down_the_tree(world, course):
    answer = course.answer(world.alice, world.student_a1)
    grade_answer(actor=world.state_admin_a, answer_id=answer.pk, rubric_scores=[0, 0])
    answer.refresh_from_db()
    assert answer.grading_state == GradingState.GRADED and answer.fraction == 0


@pytest.mark.parametrize(
    ("levels", "message"),
    [
        ([2], "Elige un nivel en cada criterio de la rúbrica."),
        ([2, 9], "El criterio 2 («Ejemplos») no tiene ese nivel."),
    ],
)
def test_levels_the_rubric_lacks_change_nothing(world, course, heard, levels, message):
    answer = course.answer(world.alice, world.student_a1)

    with pytest.raises(DomainError) as refused:
        grade_answer(actor=world.teacher_a1, answer_id=answer.pk, rubric_scores=levels)

    assert refused.value.message == message
    answer.refresh_from_db()
    assert answer.grading_state == GradingState.PENDING and heard == []


def test_an_automatic_answer_has_no_rubric(world, course):
    answer = course.answer(world.alice, world.student_a1)
    numeric = Answer.objects.exclude(pk=answer.pk).create(
        enrollment=answer.enrollment,
        activity_key=answer.activity_key,
        item_version=course.built.items["numeric"].current,
        response="12",
        fraction=1,
    )
    with pytest.raises(DomainError) as refused:
        grade_answer(actor=world.teacher_a1, answer_id=numeric.pk, rubric_scores=[0])
    assert refused.value.message == "Esta respuesta se califica sola: no lleva rúbrica."


def test_a_comment_over_5000_characters_is_refused(world, course):
    answer = course.answer(world.alice, world.student_a1)
    with pytest.raises(DomainError) as refused:
        grade_answer(
            actor=world.teacher_a1, answer_id=answer.pk, rubric_scores=[1, 1], comment="x" * 5001
        )
    assert refused.value.message == "El comentario pasa de 5000 caracteres."


def test_a_listener_that_fails_undoes_the_grading(world, course):
    answer = course.answer(world.alice, world.student_a1)

    def broken(changes):
        raise RuntimeError("recalcular falló")

    on_answers_changed(broken)
    try:
        with pytest.raises(RuntimeError):
            grade_answer(actor=world.teacher_a1, answer_id=answer.pk, rubric_scores=[2, 2])
    finally:
        listeners.forget(broken)
    answer.refresh_from_db()
    assert answer.grading_state == GradingState.PENDING
    assert not _entries(answer).exists()


def test_rewriting_a_graded_essay_sends_it_back_to_the_queue(world, course):
    answer = course.answer(world.alice, world.student_a1)
    grade_answer(actor=world.teacher_a1, answer_id=answer.pk, rubric_scores=[2, 2])
    # The quiz is still open (not finished): the student changes the text.
    again = course.answer_again(world.student_a1, "Otra explicación distinta y más larga.")
    assert again.pk == answer.pk
    answer.refresh_from_db()
    assert answer.grading_state == GradingState.PENDING and answer.fraction == 0
    assert answer.graded_by is None


@pytest.mark.django_db(transaction=True)
def test_grading_waits_for_the_enrollment_a_submit_holds(world, course):
    """Learning's lock order (enrollment first): while another transaction holds the
    enrollment, as an exam's submit does, grading cannot slip in between."""
    answer = course.answer(world.alice, world.student_a1)
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"],
        dbname=settings["NAME"], password=settings["PASSWORD"] or None,
    ) as submit:  # fmt: skip
        submit.execute(
            "SELECT 1 FROM learning_enrollment WHERE id = %s FOR NO KEY UPDATE",
            [answer.enrollment_id],
        )
        with transaction.atomic():
            connection.cursor().execute("SET LOCAL lock_timeout = '300ms'")
            with pytest.raises(OperationalError, match="lock timeout"):
                grade_answer(actor=world.teacher_a1, answer_id=answer.pk, rubric_scores=[2, 2])
        submit.rollback()
    assert Answer.objects.get(pk=answer.pk).grading_state == GradingState.PENDING
    grade_answer(actor=world.teacher_a1, answer_id=answer.pk, rubric_scores=[2, 2])
