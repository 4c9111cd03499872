"""Events of a student's page: opening, finishing a reading, time spent."""

import pytest

from impulsa.core.errors import DomainError
from impulsa.learning import studying
from impulsa.learning.models import ActivityProgress, LearningEvent, PublishedActivity, Verb
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
