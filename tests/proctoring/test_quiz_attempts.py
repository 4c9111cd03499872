"""A course's quiz is taken as an Attempt, alone (no session, no proctor): started
from the course, answers saved on change, graded on 0–10 at submit, a few tries whose
keys stay hidden while a try remains; only the enrolled student takes it."""

import importlib
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from impulsa.assessment.api import grade_answer
from impulsa.assessment.models import Answer, ItemVersion
from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.learning.enrollment import services as enrollments
from impulsa.learning.models import ActivityProgress, LearningEvent, PublishedActivity, Verb
from impulsa.learning.publishing.services import publish
from impulsa.proctoring.models import Attempt, AttemptState
from impulsa.proctoring.setup.services import set_policy
from impulsa.proctoring.taking import services
from tests import quiz_steps
from tests.assessment.grading_builders import essay_course
from tests.exam_builders import client as exam_client
from tests.learning_builders import build_course, enroll

RIGHT = {"single_choice": {"choice": "0"}, "true_false": {"answer": "true"}}
RIGHT["numeric"] = {"answer": "12"}


@pytest.fixture
def quiz(world):
    built = build_course(world.designer, institution=world.national)
    built.enrollment = enroll(world.alice, world.student_a1, built.course)
    built.published = PublishedActivity.objects.get(
        version=built.enrollment.version, key=built.quiz.key
    )
    built.versions = {
        v.type: v
        for v in ItemVersion.objects.in_bulk(built.published.frozen["item_versions"]).values()
    }
    return built


def _start_url(quiz):
    kwargs = {"enrollment_id": quiz.enrollment.pk, "activity_key": quiz.quiz.key}
    return reverse("exams:quiz_start", kwargs=kwargs)


def _course_page(quiz):
    kwargs = {"enrollment_id": quiz.enrollment.pk, "activity_key": quiz.quiz.key}
    return reverse("player:activity", kwargs=kwargs)


def _start(client, quiz) -> int:
    response = client.post(_start_url(quiz))
    assert response.status_code == 302, response.content.decode()
    return int(response["Location"].rstrip("/").rsplit("/", 1)[1])


def _answer(client, attempt_id, version, data):
    url = reverse("exams:save", kwargs={"attempt_id": attempt_id, "item_version_id": version.pk})
    return client.post(url, data, HTTP_X_EXAM_AUTOSAVE="1")


def _submit(client, attempt_id) -> str:
    url = reverse("exams:submit", args=[attempt_id])
    return client.post(url, follow=True).content.decode()


def test_the_course_offers_the_quiz_and_starting_it_opens_an_attempt(world, quiz, login):
    client = login(world.student_a1)
    card = client.get(_course_page(quiz)).content.decode()
    assert "Este cuestionario tiene 3 preguntas." in card and "Tienes 3 intentos" in card
    assert "Comenzar cuestionario" in card
    attempt_id = _start(client, quiz)
    attempt = Attempt.objects.get(pk=attempt_id)
    assert attempt.session is None and attempt.number == 1 and attempt.deadline is None
    assert sorted(attempt.form["items"]) == sorted(v.pk for v in quiz.versions.values())
    page = client.get(reverse("exams:attempt", args=[attempt_id])).content.decode()
    assert "Entregar cuestionario" in page and "Entregar examen" not in page
    assert "integrity.js" not in page  # nobody supervises a quiz
    assert _start(client, quiz) == attempt_id  # resumed, not a second open try
    assert "Continuar cuestionario" in client.get(_course_page(quiz)).content.decode()


def test_saved_answers_come_back_and_submit_grades_on_the_ten_point_scale(world, quiz, login):
    client = login(world.student_a1)
    attempt_id = _start(client, quiz)
    assert _answer(client, attempt_id, quiz.versions["numeric"], {"answer": "12"}).json()["saved"]
    page = client.get(reverse("exams:attempt", args=[attempt_id])).content.decode()
    assert 'value="12"' in page  # a reload shows what was saved
    result = _submit(client, attempt_id)
    attempt = Attempt.objects.get(pk=attempt_id)
    assert attempt.state == AttemptState.SUBMITTED and attempt.grade == Decimal("3.3")
    assert "Calificación: 3.3 de 10" in result and "No aprobado" in result
    progress = ActivityProgress.objects.get(enrollment=quiz.enrollment, activity_key=quiz.quiz.key)
    assert progress.score == Decimal("0.3333") and progress.attempts == 1
    completed = LearningEvent.objects.get(verb=Verb.COMPLETED, activity_key=quiz.quiz.key)
    assert completed.result["grade"] == "3.3"


def test_keys_stay_hidden_while_a_try_remains_and_the_best_try_counts(world, quiz, login):
    client = login(world.student_a1)
    first = _start(client, quiz)
    _answer(client, first, quiz.versions["true_false"], {"answer": "false"})
    result = _submit(client, first)
    assert "Las respuestas correctas se muestran cuando ya no te quedan intentos." in result
    assert "Incorrecto" not in result and "Correcto" not in result
    assert "Te quedan 2 intentos." in result and "Intentar de nuevo" in result

    second = _start(client, quiz)
    assert Attempt.objects.get(pk=second).number == 2
    page = client.get(reverse("exams:attempt", args=[second])).content.decode()
    assert "checked" not in page  # a new try starts empty
    for item_type, data in RIGHT.items():
        _answer(client, second, quiz.versions[item_type], data)
    _submit(client, second)
    third = _start(client, quiz)
    _answer(client, third, quiz.versions["true_false"], {"answer": "false"})
    result = _submit(client, third)  # the last try: its feedback is shown now
    assert "Incorrecto" in result and "Te queda" not in result
    progress = ActivityProgress.objects.get(enrollment=quiz.enrollment, activity_key=quiz.quiz.key)
    assert progress.score == Decimal(1) and progress.attempts == 3

    refused = client.post(_start_url(quiz))
    assert refused.status_code == 403 and "Ya usaste los 3 intentos." in refused.content.decode()
    assert "Ya usaste todos tus intentos." in client.get(_course_page(quiz)).content.decode()
    assert Attempt.objects.filter(enrollment=quiz.enrollment).count() == 3


def test_each_try_draws_its_own_order(world, quiz):
    orders = set()
    for _ in range(3):
        attempt = quiz_steps.finish(world.student_a1, quiz.enrollment, quiz.quiz.key)
        orders.add((attempt.form["seed"], tuple(attempt.form["items"])))
    assert len({seed for seed, _items in orders}) == 3


def test_a_quiz_moves_between_devices_freely(world, quiz):
    attempt = quiz_steps.take(world.student_a1, quiz.enrollment, quiz.quiz.key)
    phone = exam_client(device="telefono")
    services.save_answer(
        actor=world.student_a1, attempt_id=attempt.pk,
        item_version_id=quiz.versions["numeric"].pk, response="12", client=phone,
    )  # fmt: skip
    assert Answer.objects.filter(enrollment=quiz.enrollment, attempt=1).count() == 1


@pytest.mark.parametrize("who", ["alice", "student_a2", "student_b1"])
def test_nobody_else_starts_or_answers_my_quiz(world, quiz, login, who):
    mine = quiz_steps.take(world.student_a1, quiz.enrollment, quiz.quiz.key)
    client = login(getattr(world, who))
    assert client.post(_start_url(quiz)).status_code == 404
    answered = _answer(client, mine.pk, quiz.versions["numeric"], {"answer": "12"})
    assert answered.status_code == 404
    assert client.post(reverse("exams:submit", args=[mine.pk])).status_code == 404
    with pytest.raises(AccessDenied):
        services.start_quiz(
            actor=getattr(world, who), enrollment=quiz.enrollment,
            activity_key=quiz.quiz.key, client=exam_client(),
        )  # fmt: skip
    assert not Answer.objects.exists()
    assert Attempt.objects.get(pk=mine.pk).state == AttemptState.IN_PROGRESS


def test_a_withdrawn_student_cannot_start_a_quiz(world, quiz):
    enrollments.withdraw(actor=world.alice, enrollment=quiz.enrollment)
    with pytest.raises(Conflict, match="baja"):
        quiz_steps.take(world.student_a1, quiz.enrollment, quiz.quiz.key)
    assert not Attempt.objects.exists()


def test_practices_and_exams_are_not_started_as_quizzes(world, quiz):
    with pytest.raises(DomainError):
        quiz_steps.take(world.student_a1, quiz.enrollment, quiz.practice.key)
    assert not Attempt.objects.exists()


def test_a_designer_previews_the_quiz_questions_and_nothing_is_recorded(world, login):
    built = build_course(world.designer, institution=world.national, publish=False)
    url = reverse("authoring:activity_preview", kwargs={"activity_id": built.quiz.pk})
    html = login(world.designer).get(url).content.decode()
    assert "Este cuestionario tiene 3 preguntas." in html and "El 0 es un número par." in html
    assert html.count("<fieldset") == len(re.findall(r"<fieldset[^>]* disabled>", html))
    assert not Attempt.objects.exists() and not Answer.objects.exists()


def test_tries_answered_before_quizzes_had_attempts_become_attempts(world, quiz):
    """The migration that moved quizzes onto attempts: a finished try and an open one."""
    now = timezone.now()
    versions = quiz.versions
    for attempt, version, fraction in ((1, versions["numeric"], 1), (2, versions["numeric"], 0)):
        Answer.objects.create(
            enrollment=quiz.enrollment, activity_key=quiz.quiz.key, attempt=attempt,
            item_version=version, response="12", fraction=fraction, updated_at=now,
        )  # fmt: skip
    ActivityProgress.objects.create(
        enrollment=quiz.enrollment, activity_key=quiz.quiz.key, status="completed",
        score=Decimal("0.3333"), attempts=1, updated_at=now,
    )  # fmt: skip
    migration = importlib.import_module("impulsa.proctoring.migrations.0003_quiz_attempts")
    migration.forward(apps, None)
    first, second = Attempt.objects.filter(enrollment=quiz.enrollment).order_by("number")
    assert first.state == AttemptState.SUBMITTED and first.grade == Decimal("3.3")
    assert second.state == AttemptState.IN_PROGRESS and second.grade is None
    assert len(first.form["items"]) == 3
    assert quiz_steps.take(world.student_a1, quiz.enrollment, quiz.quiz.key).pk == second.pk


def test_the_student_reads_the_graders_comment_on_their_essay(world, login):
    course = essay_course(world)
    essay = course.answer(world.alice, world.student_a1)
    enrollment = essay.enrollment
    attempt = quiz_steps.finish(world.student_a1, enrollment, course.built.quiz.key)
    grade_answer(
        actor=world.teacher_a1, answer_id=essay.pk, rubric_scores=[2, 2],
        comment="Buen ejemplo.\nAgrega <b>otro</b> con números.",
    )  # fmt: skip
    page = login(world.student_a1).get(reverse("exams:attempt", args=[attempt.pk]))
    html = page.content.decode()
    assert "Comentario de tu docente" in html
    assert "Buen ejemplo.<br>Agrega &lt;b&gt;otro&lt;/b&gt; con números." in html


def test_a_designer_sets_the_quiz_policy_and_publishing_freezes_it(world, login):
    built = build_course(world.designer, institution=world.national, publish=False)
    page = login(world.designer).get(reverse("exam_setup:edit", args=[built.quiz.pk]))
    assert "Configurar cuestionario: Comprueba" in page.content.decode()
    set_policy(
        actor=world.designer, activity=built.quiz, time_limit_minutes=None, max_attempts=5,
        cooldown_minutes=10, passing_grade=Decimal(8), review="immediately",
        shuffle_items=True, shuffle_choices=True,
    )  # fmt: skip
    publish(actor=world.designer, course=built.course)
    frozen = PublishedActivity.objects.get(key=built.quiz.key).frozen["policy"]
    assert frozen["max_attempts"] == 5 and frozen["cooldown_minutes"] == 10
    assert Decimal(frozen["passing_grade"]) == 8
