"""A student's attempt: the form drawn once, answers kept, the server's deadline, the
0–10 grade and what the review policy lets the student see."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from impulsa.assessment.models import Answer
from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.learning.models import ActivityProgress, LearningEvent
from impulsa.proctoring import review
from impulsa.proctoring.drawing import draw_form
from impulsa.proctoring.models import Attempt, AttemptState
from impulsa.proctoring.policy import Policy
from impulsa.proctoring.taking import services
from tests.exam_builders import DEVICE, build_exam, client
from tests.factories import StudentProfileFactory, UserFactory
from tests.learning_builders import enroll

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam(world):
    return build_exam(
        world.designer,
        institution=world.national,
        staff=world.alice,
        student=world.student_a1,
        campus=world.campus_a1,
    )


def start(world, exam, **kw):
    return services.start_attempt(actor=world.student_a1, session=exam.session, client=client(**kw))


def answer(world, attempt, version_id, response, **kw):
    return services.save_answer(
        actor=world.student_a1,
        attempt_id=attempt.pk,
        item_version_id=version_id,
        response=response,
        client=client(**kw),
    )


def test_starting_draws_the_fixed_items_and_a_pool_sample_once(world, exam):
    attempt = start(world, exam)

    form = attempt.form["items"]
    assert len(form) == 4 and len(set(form)) == 4
    assert set(exam.fixed) <= set(form)
    assert len(set(form) & set(exam.pool)) == 2
    # The seed reproduces the draw exactly: the form is never drawn twice.
    assert draw_form(exam.published.frozen, attempt.form["seed"], shuffle=True) == form
    assert attempt.deadline == attempt.started_at + timedelta(minutes=30)
    # Starting again resumes the open attempt; no second row.
    assert start(world, exam).pk == attempt.pk
    assert Attempt.objects.count() == 1


def test_students_get_different_but_equivalent_forms(exam):
    frozen = exam.published.frozen
    forms = {tuple(sorted(draw_form(frozen, f"seed{n}", shuffle=False))) for n in range(40)}
    assert len(forms) == 3  # every 2-of-3 sample of the pool shows up
    assert all(len(f) == 4 and set(exam.fixed) <= set(f) for f in forms)


def test_an_answer_is_saved_and_the_submission_grades_on_ten(world, exam):
    attempt = start(world, exam)
    single, true_false = exam.fixed
    ack = answer(world, attempt, single, 0)  # the right choice
    assert ack.saved_at is not None
    answer(world, attempt, true_false, False)  # wrong: 0 is even

    closed = services.submit(actor=world.student_a1, attempt_id=attempt.pk, client=client())

    assert closed.state == AttemptState.SUBMITTED
    # 1 of 4 items right, the unanswered ones count 0.
    assert closed.score == Decimal("0.2500")
    assert closed.grade == Decimal("2.5")
    assert closed.passed is False
    event = LearningEvent.objects.get(verb="completed", activity_key=exam.activity.key)
    assert event.result["grade"] == "2.5"
    assert ActivityProgress.objects.get(activity_key=exam.activity.key).status == "completed"


def test_grades_round_half_up_on_the_ten_scale():
    policy = Policy(passing_grade=Decimal(6))
    assert policy.grade(Decimal("0.5950")) == Decimal("6.0")
    assert policy.grade(Decimal("0.5949")) == Decimal("5.9")
    assert policy.passes(Decimal("6.0")) and not policy.passes(Decimal("5.9"))


def test_an_item_outside_the_form_is_refused(world, exam):
    attempt = start(world, exam)
    outside = next(pk for pk in exam.pool if pk not in attempt.form["items"])
    with pytest.raises(DomainError):
        answer(world, attempt, outside, "12")
    assert not Answer.objects.exists()


def test_past_the_deadline_a_save_closes_the_attempt_and_keeps_what_was_saved(world, exam):
    attempt = start(world, exam)
    answer(world, attempt, exam.fixed[0], 0)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))

    ack = answer(world, attempt, exam.fixed[1], True)

    assert ack.saved_at is None and "ya se entregó" in ack.message
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.EXPIRED
    assert attempt.submitted_at == attempt.deadline
    assert attempt.score == Decimal("0.2500")
    assert Answer.objects.filter(item_version_id=exam.fixed[1]).count() == 0


def test_the_periodic_task_closes_attempts_nobody_came_back_to(world, exam):
    attempt = start(world, exam)
    answer(world, attempt, exam.fixed[0], 0)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))

    assert services.close_expired() == 1
    assert services.close_expired() == 0

    attempt.refresh_from_db()
    assert (attempt.state, attempt.grade) == (AttemptState.EXPIRED, Decimal("2.5"))


def test_attempts_run_out_and_the_student_is_told_why(world, exam):
    for _ in range(2):
        attempt = start(world, exam)
        services.submit(actor=world.student_a1, attempt_id=attempt.pk, client=client())
    with pytest.raises(DomainError, match="Ya usaste los 2 intentos"):
        start(world, exam)


def test_an_access_code_networks_and_safe_exam_browser_are_checked(world):
    from impulsa.proctoring.rules.safe_browser import CONFIG_KEY_HEADER, key_hash

    built = build_exam(
        world.designer,
        institution=world.national,
        staff=world.alice,
        student=world.student_a1,
        campus=world.campus_a1,
        session_kwargs={
            "access_code": "tigre7",
            "allowed_networks": "10.20.0.0/16",
            "safe_browser_keys": "abc123",
        },
    )
    url = "https://impulsa.example/examenes/sesion/1/"
    good = {CONFIG_KEY_HEADER: key_hash(url, "abc123")}

    def try_start(**kw):
        return services.start_attempt(
            actor=world.student_a1, session=built.session, client=client(**kw)
        )

    with pytest.raises(DomainError, match="red del plantel"):
        try_start(ip="187.1.2.3", code="TIGRE7", url=url, headers=good)
    with pytest.raises(DomainError, match="Safe Exam Browser"):
        try_start(ip="10.20.3.4", code="TIGRE7", url=url, headers={CONFIG_KEY_HEADER: "0" * 64})
    with pytest.raises(DomainError, match="código de acceso"):
        try_start(ip="10.20.3.4", code="LEON", url=url, headers=good)
    attempt = try_start(ip="10.20.3.4", code="tigre7", url=url, headers=good)
    # The network and the browser are checked on every request of the attempt too.
    with pytest.raises(AccessDenied, match="red del plantel"):
        services.save_answer(
            actor=world.student_a1, attempt_id=attempt.pk, item_version_id=built.fixed[0],
            response=0, client=client(ip="187.1.2.3", url=url, headers=good),
        )  # fmt: skip


def test_an_accommodation_gives_extra_time_and_an_extra_attempt(world, exam):
    from impulsa.proctoring.scheduling.services import grant_accommodation

    grant_accommodation(
        actor=world.alice,
        session=exam.session,
        student=world.student_a1,
        extra_minutes=15,
        extra_attempts=1,
        reason="Dictamen de discapacidad visual",
    )
    first = start(world, exam)
    assert first.deadline == first.started_at + timedelta(minutes=45)
    services.submit(actor=world.student_a1, attempt_id=first.pk, client=client())
    second = start(world, exam)
    services.submit(actor=world.student_a1, attempt_id=second.pk, client=client())
    third = start(world, exam)
    assert third.number == 3


def test_unlimited_time_leaves_only_the_session_close(world, exam):
    from impulsa.proctoring.scheduling.services import grant_accommodation

    grant_accommodation(
        actor=world.alice,
        session=exam.session,
        student=world.student_a1,
        unlimited_time=True,
        reason="Ajuste por salud",
    )
    assert start(world, exam).deadline == exam.session.closes_at


def test_an_accommodation_needs_a_reason(world, exam):
    from impulsa.proctoring.scheduling.services import grant_accommodation

    with pytest.raises(DomainError, match="motivo"):
        grant_accommodation(
            actor=world.alice, session=exam.session, student=world.student_a1, extra_minutes=10,
            reason=" ",
        )  # fmt: skip


def test_a_second_device_is_refused_until_the_proctor_allows_it(world, exam):
    from impulsa.proctoring.supervision import services as proctor

    attempt = start(world, exam)
    with pytest.raises(AccessDenied, match="otro dispositivo"):
        answer(world, attempt, exam.fixed[0], 0, device="laptop")
    with pytest.raises(AccessDenied):
        start(world, exam, device="laptop")

    proctor.allow_device_change(actor=world.teacher_a1, attempt_id=attempt.pk)
    assert start(world, exam, device="laptop").pk == attempt.pk
    answer(world, attempt, exam.fixed[0], 0, device="laptop")
    with pytest.raises(AccessDenied):
        answer(world, attempt, exam.fixed[0], 1, device=DEVICE)


def test_the_session_window_is_enforced(world, exam):
    session = exam.session
    session.opens_at = timezone.now() + timedelta(hours=1)
    session.closes_at = timezone.now() + timedelta(hours=2)
    session.save()
    with pytest.raises(DomainError, match="El examen abre el"):
        start(world, exam)
    session.opens_at = timezone.now() - timedelta(hours=2)
    session.closes_at = timezone.now() - timedelta(minutes=1)
    session.save()
    with pytest.raises(DomainError, match="El examen cerró el"):
        start(world, exam)


def test_a_student_outside_the_sessions_groups_cannot_start(world, exam):
    other = UserFactory(username="2614099")
    StudentProfileFactory(user=other, campus=world.campus_a1, career=world.career_a1)
    enroll(world.alice, other, exam.course)
    exam.session.groups.set([world.group_a1])
    with pytest.raises(AccessDenied):
        services.start_attempt(actor=other, session=exam.session, client=client())


def test_review_policy_hides_grades_until_allowed_and_keys_while_attempts_remain(world, exam):
    attempt = start(world, exam)
    attempt = services.submit(actor=world.student_a1, attempt_id=attempt.pk, client=client())
    now = timezone.now()

    immediately = Policy(review="immediately", max_attempts=2)
    assert review.grade_visible(attempt, immediately, now)
    assert not review.keys_visible(attempt, immediately, attempts_left=1, now=now)
    assert review.keys_visible(attempt, immediately, attempts_left=0, now=now)

    after_close = Policy(review="after_close")
    assert not review.grade_visible(attempt, after_close, now)
    assert review.grade_visible(attempt, after_close, exam.session.closes_at)

    manual = Policy(review="manual")
    assert not review.grade_visible(attempt, manual, now)
    attempt.session.results_released_at = now
    assert review.grade_visible(attempt, manual, now)


def test_a_paused_attempt_does_not_take_answers(world, exam):
    from impulsa.proctoring.supervision import services as proctor

    attempt = start(world, exam)
    proctor.pause(actor=world.teacher_a1, attempt_id=attempt.pk)
    with pytest.raises(Conflict, match="pausa"):
        answer(world, attempt, exam.fixed[0], 0)
