"""regrade_item: after an item fix, the answers given to its earlier versions are scored
with the current one; only machine-scored answers change, each change audited, the
listeners told which attempts changed; only the item's authors may do it."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from impulsa.assessment.api import grade_answer, on_answers_changed, regrade_item
from impulsa.assessment.bank import services as bank
from impulsa.assessment.grading import listeners
from impulsa.assessment.models import Answer, GradingState
from impulsa.audit.models import AuditEntry
from impulsa.core.errors import AccessDenied
from impulsa.learning.models import Enrollment
from tests import quiz_steps
from tests.assessment.grading_builders import essay_course, student


@pytest.fixture
def heard():
    calls = []
    on_answers_changed(calls.append)
    yield calls
    listeners.forget(calls.append)


def _numeric_answer(course, learner, response):
    enrollment = Enrollment.objects.get(student=learner, course=course.built.course)
    version = course.built.items["numeric"].current
    return quiz_steps.answer(learner, enrollment, course.built.quiz.key, version, response)


def _fix_key(world, course, value):
    item = course.built.items["numeric"]
    body = dict(item.current.body)
    body["answers"] = [{"value": value, "tolerance": "0", "fraction": "1", "feedback": ""}]
    version = bank.update_item(
        actor=world.designer, item=item, type="numeric", name=item.current.name,
        stem=item.current.stem, body=body,
    )  # fmt: skip
    assert version.number == 2  # answered: the fix is a new version
    return item


@pytest.fixture
def answered(world):
    course = essay_course(world)
    other = student(world.campus_a1, username="2614009", group=world.group_a1)
    essay = course.answer(world.alice, world.student_a1)
    course.answer(world.alice, other)
    right = _numeric_answer(course, world.student_a1, "12")
    wrong = _numeric_answer(course, other, "9")
    return course, essay, right, wrong


def test_an_item_fix_rescores_earlier_answers_and_audits_each(world, answered, heard):
    course, essay, right, wrong = answered
    grade_answer(actor=world.teacher_a1, answer_id=essay.pk, rubric_scores=[1, 1])
    heard.clear()
    item = _fix_key(world, course, "9")

    report = regrade_item(actor=world.designer, item=item)

    assert (report.changed, report.unchanged, report.skipped) == (2, 0, 0)
    right.refresh_from_db()
    wrong.refresh_from_db()
    assert (right.fraction, wrong.fraction) == (Decimal(0), Decimal(1))
    assert right.item_version.number == 1  # still the version the student saw
    assert heard == [
        [
            (right.enrollment_id, right.activity_key, right.attempt),
            (wrong.enrollment_id, wrong.activity_key, wrong.attempt),
        ]
    ]
    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Answer),
        object_pk__in=[str(right.pk), str(wrong.pk)],
    )
    assert {e.actor for e in entries} == {world.designer}
    assert sorted(e.changes_dict["fraction"][1] for e in entries) == ["0.0000", "1.0000"]
    assert AuditEntry.objects.filter(additional_data__event="item_regraded").count() == 1


def test_a_person_s_grade_is_never_touched_by_a_regrade(world, answered):
    course, essay, _right, _wrong = answered
    grade_answer(actor=world.teacher_a1, answer_id=essay.pk, rubric_scores=[2, 0])
    item = course.built.items["essay"]
    body = dict(item.current.body, model_answer="Otra respuesta modelo.")
    bank.update_item(
        actor=world.designer, item=item, type="essay", name=item.current.name,
        stem=item.current.stem, body=body,
    )  # fmt: skip

    report = regrade_item(actor=world.designer, item=item)

    assert (report.changed, report.unchanged, report.skipped) == (0, 0, 0)
    essay.refresh_from_db()
    assert essay.grading_state == GradingState.GRADED and essay.fraction == Decimal("0.5000")


def test_a_regrade_that_changes_nothing_tells_nobody(world, answered, heard):
    course, *_ = answered
    item = _fix_key(world, course, "12")  # the same key, other feedback
    report = regrade_item(actor=world.designer, item=item)
    assert (report.changed, report.unchanged) == (0, 2)
    assert heard == []


@pytest.mark.parametrize("who", ["teacher_a1", "alice", "designer_b"])
def test_only_the_item_s_authors_regrade(world, answered, who):
    course, _essay, right, _wrong = answered
    item = _fix_key(world, course, "9")
    with pytest.raises(AccessDenied):
        regrade_item(actor=getattr(world, who), item=item)
    right.refresh_from_db()
    assert right.fraction == 1


def test_the_regrade_button_answers_404_outside_the_author_s_courses(world, login, answered):
    course, _essay, right, _wrong = answered
    item = _fix_key(world, course, "9")
    url = reverse("grading:regrade", kwargs={"item_id": item.pk})

    assert login(world.designer_b).post(url).status_code == 404
    right.refresh_from_db()
    assert right.fraction == 1

    page = login(world.designer).get(reverse("itembank:item_edit", kwargs={"item_id": item.pk}))
    assert f'action="{url}"' in page.content.decode()  # offered once there is a fix
    response = login(world.designer).post(url, follow=True)
    assert "Recalificación hecha: 2 respuestas cambiaron" in response.content.decode()
    right.refresh_from_db()
    assert right.fraction == 0
