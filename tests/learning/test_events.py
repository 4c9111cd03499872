"""Learning events: the database refuses to change them, `record` keeps the progress
projection current, and `rebuild_progress` recomputes the same projection."""

from decimal import Decimal

import pytest
from django.db import DatabaseError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from impulsa.learning.events import services as events
from impulsa.learning.models import ActivityProgress, LearningEvent, ProgressStatus, Verb
from tests.learning_builders import build_course, enroll


@pytest.fixture
def enrolled(world):
    built = build_course(world.designer, institution=world.national)
    enrollment = enroll(world.alice, world.student_a1, built.course)
    return built, enrollment


def _progress(enrollment, activity):
    return ActivityProgress.objects.get(enrollment=enrollment, activity_key=activity.key)


def test_updating_a_learning_event_is_refused_by_the_database(enrolled):
    _built, enrollment = enrolled
    event = LearningEvent.objects.filter(enrollment=enrollment).first()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LearningEvent.objects.filter(pk=event.pk).update(verb=Verb.COMPLETED)
    event.refresh_from_db()
    assert event.verb == Verb.ENROLLED


def test_deleting_a_learning_event_is_refused_by_the_database(enrolled):
    _built, enrollment = enrolled
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LearningEvent.objects.filter(enrollment=enrollment).delete()
    assert LearningEvent.objects.filter(enrollment=enrollment).count() == 1


def test_enrolling_records_a_registered_event_by_the_staff_member(world, enrolled):
    built, enrollment = enrolled
    event = LearningEvent.objects.get(enrollment=enrollment)
    assert event.verb == Verb.ENROLLED
    assert event.actor_id == world.alice.pk
    assert event.object_id == built.course.code
    assert not ActivityProgress.objects.filter(enrollment=enrollment).exists()


def test_viewing_an_activity_starts_its_progress_and_moves_the_resume_pointer(enrolled):
    built, enrollment = enrolled
    events.record(
        enrollment=enrollment,
        verb=Verb.EXPERIENCED,
        object_type="activity",
        object_id=built.content.key,
        activity_key=built.content.key,
    )
    progress = _progress(enrollment, built.content)
    assert progress.status == ProgressStatus.STARTED
    assert progress.attempts == 0 and progress.score is None
    enrollment.refresh_from_db()
    assert enrollment.last_activity_key == built.content.key
    assert enrollment.last_seen_at is not None


def test_time_beats_add_up_and_a_single_beat_is_capped(enrolled):
    built, enrollment = enrolled
    for seconds in (30, 5000, -20):
        events.record(
            enrollment=enrollment,
            verb=Verb.SPENT_TIME,
            object_type="activity",
            object_id=built.content.key,
            activity_key=built.content.key,
            result={"seconds": seconds},
        )
    assert _progress(enrollment, built.content).seconds == 30 + events.MAX_SECONDS_PER_BEAT


def test_completing_twice_counts_attempts_and_keeps_the_best_score(enrolled):
    built, enrollment = enrolled
    for score in ("0.5", "0.9", "0.7"):
        events.record(
            enrollment=enrollment,
            verb=Verb.COMPLETED,
            object_type="activity",
            object_id=built.quiz.key,
            activity_key=built.quiz.key,
            result={"score": score},
        )
    progress = _progress(enrollment, built.quiz)
    assert progress.status == ProgressStatus.COMPLETED
    assert progress.attempts == 3
    assert progress.score == Decimal("0.9")


def _snapshot(enrollment):
    return sorted(
        ActivityProgress.objects.filter(enrollment=enrollment).values_list(
            "activity_key", "status", "score", "attempts", "seconds", "updated_at"
        )
    )


_EVENT = st.tuples(
    st.sampled_from([Verb.EXPERIENCED, Verb.ANSWERED, Verb.COMPLETED, Verb.SPENT_TIME]),
    st.sampled_from(["content", "practice", "quiz"]),
    st.integers(min_value=-100, max_value=2000),
    st.one_of(st.none(), st.decimals(min_value=0, max_value=1, places=4)),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(_EVENT, max_size=12))
def test_rebuilding_progress_from_events_gives_the_live_projection(enrolled, steps):
    built, enrollment = enrolled
    activities = {"content": built.content, "practice": built.practice, "quiz": built.quiz}
    with transaction.atomic():
        for verb, name, seconds, score in steps:
            result = {"seconds": seconds} if verb == Verb.SPENT_TIME else {}
            if verb == Verb.COMPLETED and score is not None:
                result["score"] = str(score)
            activity = activities[name]
            events.record(
                enrollment=enrollment,
                verb=verb,
                object_type="activity",
                object_id=activity.key,
                activity_key=activity.key,
                result=result,
            )
        live = _snapshot(enrollment)
        events.rebuild_progress(enrollment)
        assert _snapshot(enrollment) == live
        transaction.set_rollback(True)
