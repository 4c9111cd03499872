"""A student taking a course's quiz through the services, as the quiz page does: start
(or resume) the attempt, save answers to it, submit it."""

from impulsa.assessment.models import Answer
from impulsa.proctoring.taking import services
from tests.exam_builders import client


def take(student, enrollment, quiz_key):
    """The student's open attempt at the quiz (a new one if none is open)."""
    return services.start_quiz(
        actor=student, enrollment=enrollment, activity_key=quiz_key, client=client()
    )


def answer(student, enrollment, quiz_key, version, response) -> Answer:
    attempt = take(student, enrollment, quiz_key)
    services.save_answer(
        actor=student,
        attempt_id=attempt.pk,
        item_version_id=version.pk,
        response=response,
        client=client(),
    )
    return Answer.objects.get(
        enrollment=enrollment, activity_key=quiz_key, attempt=attempt.number, item_version=version
    )


def finish(student, enrollment, quiz_key):
    """Submit the open attempt (starting one if none is open); returns it graded."""
    attempt = take(student, enrollment, quiz_key)
    return services.submit(actor=student, attempt_id=attempt.pk, client=client())
