"""Concurrent writes to one student's activity take their locks in one order.

A page view or time beat (learning.studying) and an answer to the same activity used
to meet in opposite orders: the event insert's share lock on the enrollment, the
progress upsert and the "where was I" update of one against the answer's enrollment
lock of the other, and PostgreSQL killed one with "deadlock detected" (a 500). Now
every event write locks the enrollment row first, as answering does.

Real transactions in threads, each with its own connection; the barrier lines them
up so that rounds overlap. Before the fix a few rounds were enough to deadlock.
"""

import threading

import pytest
from django.db import connection

from impulsa.assessment.answering import services as answering
from impulsa.assessment.models import Answer, ItemVersion
from impulsa.learning.models import ActivityProgress, Enrollment, LearningEvent, PublishedActivity
from impulsa.learning.player import services as studying
from tests.learning_builders import build_course, enroll

ROUNDS = 12


def _together(jobs) -> list[Exception]:
    """Run the jobs at once, each in its own thread and connection; what they raised."""
    barrier = threading.Barrier(len(jobs))
    raised: list[Exception] = []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # collected: the test reports every failure
            raised.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return raised


@pytest.mark.django_db(transaction=True)
def test_answers_page_views_and_time_beats_of_one_activity_do_not_deadlock(world):
    built = build_course(world.designer, institution=world.national)
    enrollment = enroll(world.alice, world.student_a1, built.course)
    activity = PublishedActivity.objects.get(version=enrollment.version, key=built.practice.key)
    versions = {
        v.type: v for v in ItemVersion.objects.filter(pk__in=activity.frozen["item_versions"])
    }
    student = world.student_a1

    def fresh():  # each request loads its own enrollment row, as views do
        return Enrollment.objects.get(pk=enrollment.pk)

    def answer(item_type, response):
        def job():
            answering.save_answer(
                actor=student,
                enrollment=fresh(),
                activity=activity,
                item_version=versions[item_type],
                response=response,
            )

        return job

    def view():
        studying.opened(enrollment=fresh(), activity=activity)

    def beat():
        studying.spent(enrollment=fresh(), activity=activity, seconds=5)

    raised = []
    for _round in range(ROUNDS):
        raised += _together([answer("true_false", True), view, answer("numeric", "12"), view, beat])

    assert raised == []
    assert Answer.objects.filter(enrollment=enrollment).count() == 2
    answered = LearningEvent.objects.filter(enrollment=enrollment, verb="answered").count()
    assert answered == 2 * ROUNDS
    progress = ActivityProgress.objects.get(enrollment=enrollment, activity_key=activity.key)
    assert progress.seconds == 5 * ROUNDS
