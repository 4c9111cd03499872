"""Events of a student's page: opening, finishing a reading, time spent."""

import time

import pytest
from django.urls import reverse
from django_ratelimit.core import _get_window

from impulsa.core.errors import DomainError
from impulsa.learning.events import services as events
from impulsa.learning.models import ActivityProgress, LearningEvent, PublishedActivity, Verb
from impulsa.learning.player import services as studying
from tests.learning_builders import build_course, enroll

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(world):
    built = build_course(world.designer, institution=world.national)
    enrollment = enroll(world.alice, world.student_a1, built.course)
    activities = PublishedActivity.objects.filter(version=enrollment.version)
    return enrollment, {a.kind: a for a in activities}


def test_a_reading_is_finished_once(enrolled):
    enrollment, activities = enrolled
    assert studying.finished_reading(enrollment=enrollment, activity=activities["content"])
    assert not studying.finished_reading(enrollment=enrollment, activity=activities["content"])
    assert LearningEvent.objects.filter(enrollment=enrollment, verb=Verb.COMPLETED).count() == 1
    progress = ActivityProgress.objects.get(activity_key=activities["content"].key)
    assert (progress.status, progress.attempts) == ("completed", 1)


def test_only_a_reading_can_be_marked_as_read(enrolled):
    enrollment, activities = enrolled
    with pytest.raises(DomainError, match="Solo una lectura"):
        studying.finished_reading(enrollment=enrollment, activity=activities["practice"])
    assert not LearningEvent.objects.filter(verb=Verb.COMPLETED).exists()


def test_opening_and_time_beats_are_events_and_zero_seconds_is_nothing(enrolled):
    enrollment, activities = enrolled
    studying.opened(enrollment=enrollment, activity=activities["content"])
    studying.spent(enrollment=enrollment, activity=activities["content"], seconds=0)
    studying.spent(enrollment=enrollment, activity=activities["content"], seconds=40)
    verbs = list(
        LearningEvent.objects.filter(enrollment=enrollment)
        .exclude(verb=Verb.ENROLLED)
        .values_list("verb", flat=True)
    )
    assert verbs == [Verb.EXPERIENCED, Verb.SPENT_TIME]
    assert ActivityProgress.objects.get(activity_key=activities["content"].key).seconds == 40


def _beat_url(enrollment, activity) -> str:
    return reverse(
        "player:time", kwargs={"enrollment_id": enrollment.pk, "activity_key": activity.key}
    )


def test_a_loop_of_time_beats_cannot_outrun_the_clock(world, enrolled, login):
    enrollment, activities = enrolled
    client = login(world.student_a1)
    started = time.monotonic()
    for activity in (activities["content"], activities["practice"]) * 5:
        response = client.post(_beat_url(enrollment, activity), {"seconds": "600"})
        assert response.status_code == 204
    elapsed = time.monotonic() - started

    studied = sum(
        ActivityProgress.objects.filter(enrollment=enrollment).values_list("seconds", flat=True)
    )
    # The first beat may claim the time before it (up to the per-beat cap); every later
    # one only the time since the previous: ten beats of 600 s are not 6,000 s.
    assert studied <= events.MAX_SECONDS_PER_BEAT + elapsed + 1


def test_time_beats_are_rate_limited_per_student_and_enrollment(world, enrolled, login, settings):
    enrollment, activities = enrolled
    settings.STUDY_BEAT_RATE = "5/h"  # an hour-long window keeps the burst in one window
    key = f"{world.student_a1.pk}:{enrollment.pk}"
    if _get_window(key, 3600) - time.time() < 10:
        time.sleep(11)
    client = login(world.student_a1)
    url = _beat_url(enrollment, activities["content"])
    for _ in range(5):
        assert client.post(url, {"seconds": "1"}).status_code == 204

    assert client.post(url, {"seconds": "1"}).status_code == 429
