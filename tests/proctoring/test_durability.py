"""An acknowledged answer survives the server process dying (SIGKILL) at once after
the acknowledgement; an attempt whose deadline passed with the browser gone is
closed and graded by the periodic task, run by a real Celery worker."""

import json
import time
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import connections
from django.utils import timezone

from impulsa.assessment.models import Answer
from impulsa.celery import app
from impulsa.proctoring.models import Attempt, AttemptState
from impulsa.proctoring.taking import services
from impulsa.proctoring.taking.client import DEVICE_COOKIE
from impulsa.proctoring.tasks import close_expired_attempts
from tests.exam_builders import DEVICE, build_exam, client
from tests.server_processes import Server, signed_in_session

AUTOSAVE = {"X-Exam-Autosave": "1"}


@pytest.fixture
def exam(transactional_db, world):
    return build_exam(
        world.designer,
        institution=world.national,
        staff=world.alice,
        student=world.student_a1,
        campus=world.campus_a1,
    )


def _save(server, session, attempt, version_id, fields) -> dict:
    status, body = server.exchange(
        "POST",
        f"/examenes/intento/{attempt.pk}/respuesta/{version_id}/",
        session,
        urlencode(fields),
        cookies=f"{DEVICE_COOKIE}={DEVICE}",
        headers=AUTOSAVE,
    )
    assert status == 200, body[:300]
    return json.loads(body)


def test_every_acknowledged_answer_survives_a_killed_server(exam, world):
    attempt = services.start_attempt(actor=world.student_a1, session=exam.session, client=client())
    session = signed_in_session(world.student_a1)
    single, true_false = exam.fixed
    server = Server()
    try:
        server.wait()
        acks = [
            _save(server, session, attempt, true_false, {"answer": "false"}),
            _save(server, session, attempt, single, {"choice": "0"}),
            _save(server, session, attempt, true_false, {"answer": "true"}),  # changed
        ]
        server.kill()  # at once after the last acknowledgement
    finally:
        if server.process.poll() is None:
            server.kill()
    assert all(ack["saved"] for ack in acks)

    restarted = Server()
    try:
        restarted.wait()
        status, body = restarted.exchange(
            "GET", f"/examenes/intento/{attempt.pk}/estado/", session,
            cookies=f"{DEVICE_COOKIE}={DEVICE}",
        )  # fmt: skip
        page = restarted.exchange(
            "GET", f"/examenes/intento/{attempt.pk}/", session, cookies=f"{DEVICE_COOKIE}={DEVICE}"
        )[1].decode()
    finally:
        restarted.stop()
    assert status == 200 and json.loads(body)["state"] == "in_progress"
    saved = {a.item_version_id: a.response for a in Answer.objects.filter(attempt=attempt.number)}
    assert saved == {single: 0, true_false: True}
    # The page shows them again: the student's choices are checked.
    assert page.count(" checked") == 2


def _wait_until_closed(attempt, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not Attempt.objects.filter(pk=attempt.pk, state=AttemptState.IN_PROGRESS).exists():
            return
        time.sleep(0.1)
    pytest.fail("the worker did not close the attempt")


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (CI sets it) for a worker")
def test_a_worker_closes_and_grades_an_attempt_nobody_came_back_to(exam, world):
    attempt = services.start_attempt(actor=world.student_a1, session=exam.session, client=client())
    services.save_answer(
        actor=world.student_a1, attempt_id=attempt.pk, item_version_id=exam.fixed[0],
        response=0, client=client(),
    )  # fmt: skip
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))

    try:
        with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=30):
            close_expired_attempts.delay()  # what beat sends each minute
            _wait_until_closed(attempt)
    finally:
        connections.close_all()

    attempt.refresh_from_db()
    assert (attempt.state, attempt.grade, attempt.passed) == (
        AttemptState.EXPIRED, Decimal("2.5"), False,
    )  # fmt: skip


def test_the_close_is_a_periodic_task_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["close-expired-attempts"]
    assert entry == {"task": close_expired_attempts.name, "schedule": 60.0}
