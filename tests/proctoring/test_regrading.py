"""An essay in an exam waits for a teacher; grading it (or fixing an item's key) gives
the closed attempt its grade again."""

from decimal import Decimal

import pytest

from impulsa.assessment.grading.services import grade_answer
from impulsa.assessment.models import Answer
from impulsa.proctoring.taking import services
from tests.exam_builders import build_exam, client
from tests.learning_builders import build_essay_course

pytestmark = pytest.mark.django_db


def test_grading_an_essay_regrades_the_closed_attempt(world):
    exam = build_exam(
        world.designer, institution=world.national, staff=world.alice,
        student=world.student_a1, campus=world.campus_a1,
        built=build_essay_course(world.designer, institution=world.national, publish=False),
        fixed_types=("single_choice", "essay"),
    )  # fmt: skip
    single, essay = exam.fixed
    attempt = services.start_attempt(actor=world.student_a1, session=exam.session, client=client())
    for version_id, response in (
        (single, 0),
        (essay, "Una fracción es parte de un entero, como media pizza."),
    ):
        services.save_answer(
            actor=world.student_a1, attempt_id=attempt.pk, item_version_id=version_id,
            response=response, client=client(),
        )  # fmt: skip
    answer = Answer.objects.get(item_version_id=essay)
    assert answer.grading_state == "pending"
    attempt = services.submit(actor=world.student_a1, attempt_id=attempt.pk, client=client())
    assert attempt.grade == Decimal("2.5")  # 1 of 4 items: the essay still counts 0

    grade_answer(actor=world.teacher_a1, answer_id=answer.pk, rubric_scores=[2, 2])

    attempt.refresh_from_db()
    assert attempt.score == Decimal("0.5000") and attempt.grade == Decimal("5.0")
