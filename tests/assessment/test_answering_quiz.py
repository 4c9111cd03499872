"""Quizzes: silent saving, finishing, retrying, resuming; who may answer; preview."""

import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.urls import reverse

from impulsa.assessment.answering import services as answering
from impulsa.assessment.answering.player import render_activity
from impulsa.assessment.models import Answer, ItemVersion
from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.learning.api import PlayerContext
from impulsa.learning.enrollment import services as enrollments
from impulsa.learning.models import ActivityProgress, LearningEvent, PublishedActivity, Verb
from tests.learning_builders import build_course, enroll

HTMX = {"HTTP_HX_REQUEST": "true"}


@dataclass
class Quiz:
    enrollment: object
    activity: PublishedActivity
    practice: PublishedActivity
    versions: dict  # type -> ItemVersion (single_choice, true_false, numeric)

    def url(self, name, item_type=None):
        kwargs = {"enrollment_id": self.enrollment.pk, "activity_key": self.activity.key}
        if item_type:
            kwargs["item_version_id"] = self.versions[item_type].pk
        return reverse(name, kwargs=kwargs)

    @property
    def page_url(self):
        return self.url("player:activity")


@pytest.fixture
def quiz(world):
    built = build_course(world.designer, institution=world.national)
    enrollment = enroll(world.alice, world.student_a1, built.course)
    activity = PublishedActivity.objects.get(version=enrollment.version, key=built.quiz.key)
    practice = PublishedActivity.objects.get(version=enrollment.version, key=built.practice.key)
    versions = ItemVersion.objects.select_related("item").in_bulk(activity.frozen["item_versions"])
    return Quiz(enrollment, activity, practice, {v.type: v for v in versions.values()})


def _progress(quiz):
    return ActivityProgress.objects.get(enrollment=quiz.enrollment, activity_key=quiz.activity.key)


def test_quiz_answers_are_saved_on_change_without_feedback(world, quiz, login):
    client = login(world.student_a1)
    page = client.get(quiz.page_url).content.decode()
    assert 'hx-trigger="change"' in page and "Terminar cuestionario" in page
    assert ">Pista</button>" not in page
    html = client.post(quiz.url("answers:save", "true_false"), {"answer": "false"}, **HTMX)
    html = html.content.decode()
    assert "Respuesta guardada." in html
    assert "Incorrecto" not in html and "0 = 2 × 0." not in html
    answer = Answer.objects.get(item_version=quiz.versions["true_false"])
    assert answer.attempt == 1 and answer.response is False
    page = client.get(quiz.page_url).content.decode()
    assert "Incorrecto" not in page and "Solución explicada." not in page
    assert "Tienes una respuesta guardada." in page
    assert f'id="i{quiz.versions["true_false"].pk}-false" checked' in page


def test_finishing_scores_all_items_with_unanswered_as_zero_and_shows_feedback(world, quiz, login):
    client = login(world.student_a1)
    client.post(quiz.url("answers:save", "single_choice"), {"choice": "0"}, **HTMX)
    client.post(quiz.url("answers:save", "numeric"), {"answer": "11"}, **HTMX)
    response = client.post(quiz.url("answers:finish"), follow=True)
    page = response.content.decode()
    assert "Terminaste el cuestionario. Calificación: 33 %." in page
    assert "Terminaste el intento 1. Calificación: 33 %." in page
    assert "¡Correcto!" in page and "Incorrecto." in page and "Sin responder." in page
    assert "Solución explicada." in page and "Intentar de nuevo" in page
    assert page.count("<fieldset") == page.count("<fieldset aria-describedby") == 3
    assert page.count(" disabled>") >= 3
    (completed,) = LearningEvent.objects.filter(verb=Verb.COMPLETED)
    assert completed.result == {"score": "0.3333", "attempt": 1}
    assert _progress(quiz).score == Decimal("0.3333") and _progress(quiz).attempts == 1


def test_retry_starts_a_new_attempt_and_keeps_the_best_score(world, quiz, login):
    client = login(world.student_a1)
    client.post(quiz.url("answers:save", "single_choice"), {"choice": "0"}, **HTMX)
    client.post(quiz.url("answers:finish"))
    fresh = client.get(quiz.page_url + "?intento=nuevo").content.decode()
    assert "Intento 2" in fresh and "checked" not in fresh and "Terminar cuestionario" in fresh
    for item_type, data in (
        ("single_choice", {"choice": "0"}),
        ("true_false", {"answer": "true"}),
        ("numeric", {"answer": "12"}),
    ):
        client.post(quiz.url("answers:save", item_type), data, **HTMX)
    assert Answer.objects.filter(attempt=2).count() == 3
    assert Answer.objects.filter(attempt=1).count() == 1  # the first attempt is kept
    client.post(quiz.url("answers:finish"))
    assert _progress(quiz).score == Decimal(1) and _progress(quiz).attempts == 2
    client.post(quiz.url("answers:save", "numeric"), {"answer": "1"}, **HTMX)
    client.post(quiz.url("answers:finish"))
    progress = _progress(quiz)
    assert progress.score == Decimal(1) and progress.attempts == 3
    scores = [
        e.result["score"] for e in LearningEvent.objects.filter(verb=Verb.COMPLETED).order_by("id")
    ]
    assert scores == ["0.3333", "1.0000", "0.0000"]


def test_quiz_answer_without_javascript_redirects_with_a_message(world, quiz, login):
    client = login(world.student_a1)
    response = client.post(quiz.url("answers:save", "numeric"), {"answer": "12"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[0][0].startswith(quiz.page_url)
    assert "Respuesta guardada." in page and 'value="12"' in page


def test_quizzes_have_no_hints(world, quiz):
    with pytest.raises(DomainError, match="no tienen pistas"):
        answering.reveal_hint(
            actor=world.student_a1, enrollment=quiz.enrollment, activity=quiz.activity,
            item_version=quiz.versions["numeric"],
        )  # fmt: skip


def test_staff_cannot_answer_as_a_student(world, quiz, login):
    client = login(world.alice)
    assert client.post(quiz.url("answers:save", "numeric"), {"answer": "12"}).status_code == 404
    assert client.post(quiz.url("answers:finish")).status_code == 404
    with pytest.raises(AccessDenied):
        answering.save_answer(
            actor=world.alice, enrollment=quiz.enrollment, activity=quiz.activity,
            item_version=quiz.versions["numeric"], response="12",
        )  # fmt: skip
    assert not Answer.objects.exists()


def test_another_student_cannot_answer_in_my_enrollment(world, quiz, login):
    client = login(world.student_a2)
    assert client.post(quiz.url("answers:save", "numeric"), {"answer": "12"}).status_code == 404
    assert client.post(quiz.url("answers:finish")).status_code == 404
    assert not Answer.objects.exists() and not LearningEvent.objects.filter(verb=Verb.COMPLETED)


def test_answering_a_withdrawn_enrollment_is_refused(world, quiz, login):
    enrollments.withdraw(actor=world.alice, enrollment=quiz.enrollment)
    client = login(world.student_a1)
    assert client.post(quiz.url("answers:save", "numeric"), {"answer": "12"}).status_code == 404
    assert client.get(quiz.page_url).status_code == 404
    with pytest.raises(Conflict, match="baja"):
        answering.save_answer(
            actor=world.student_a1, enrollment=quiz.enrollment, activity=quiz.activity,
            item_version=quiz.versions["numeric"], response="12",
        )  # fmt: skip
    with pytest.raises(Conflict):
        answering.finish_quiz(
            actor=world.student_a1, enrollment=quiz.enrollment, activity=quiz.activity
        )
    assert not Answer.objects.exists()


def test_preview_renders_disabled_forms_and_saves_nothing(world, quiz):
    request = RequestFactory().get("/")
    request.user = world.designer
    for activity in (quiz.activity, quiz.practice):
        html = render_activity(
            PlayerContext(
                request=request, enrollment=None, activity=activity, progress=None, preview=True
            )
        )
        assert "Vista previa" in html
        assert "hx-post" not in html and "action=" not in html
        assert html.count("<fieldset") == len(re.findall(r"<fieldset[^>]* disabled>", html))
    assert not Answer.objects.exists() and not LearningEvent.objects.filter(verb=Verb.ANSWERED)
