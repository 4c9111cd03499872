"""The two writes other apps make into learning, through learning.api: marking
courses as having unpublished changes, and locking an enrollment before answering."""

import threading

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from impulsa.learning import api
from impulsa.learning.authoring import services
from impulsa.learning.models import (
    ActivityProgress,
    Course,
    Enrollment,
    EnrollmentStatus,
)
from tests.learning_builders import build_course, enroll


def _course_with_activity(world, name):
    course = services.create_course(actor=world.designer, institution=world.national, name=name)
    unit = services.create_unit(actor=world.designer, course=course, title="Unidad")
    lesson = services.create_lesson(actor=world.designer, unit=unit, title="Lección")
    activity = services.create_activity(
        actor=world.designer, lesson=lesson, kind="practice", title="Practica"
    )
    return course, activity


@pytest.fixture
def two_courses(world):
    """Two draft courses, each with one activity, both as if just published."""
    first, first_activity = _course_with_activity(world, "Álgebra")
    second, _ = _course_with_activity(world, "Geometría")
    Course.objects.filter(pk__in=[first.pk, second.pk]).update(has_draft_changes=False)
    return first, first_activity, second


def _changed(course) -> bool:
    return Course.objects.values_list("has_draft_changes", flat=True).get(pk=course.pk)


def test_note_draft_changes_marks_only_the_course_owning_the_activities(two_courses):
    first, activity, second = two_courses
    api.note_draft_changes(activity_ids=[activity.pk])
    assert _changed(first) is True
    assert _changed(second) is False


def test_note_draft_changes_takes_a_query_of_activity_ids(two_courses):
    first, activity, second = two_courses
    api.note_draft_changes(activity_ids=api.Activity.objects.filter(pk=activity.pk).values("pk"))
    assert _changed(first) is True
    assert _changed(second) is False


def test_note_draft_changes_marks_the_course_it_names(two_courses):
    first, _activity, second = two_courses
    api.note_draft_changes(course_id=second.pk)
    assert _changed(first) is False
    assert _changed(second) is True


def test_note_draft_changes_with_nothing_named_changes_nothing(two_courses):
    first, _activity, second = two_courses
    api.note_draft_changes()
    assert not _changed(first) and not _changed(second)


@pytest.fixture
def enrollment(world):
    built = build_course(world.designer, institution=world.national)
    return enroll(world.alice, world.student_a1, built.course)


def test_lock_enrollment_status_returns_the_status(enrollment):
    assert api.lock_enrollment_status(enrollment.pk) == EnrollmentStatus.ACTIVE
    Enrollment.objects.filter(pk=enrollment.pk).update(status=EnrollmentStatus.WITHDRAWN)
    assert api.lock_enrollment_status(enrollment.pk) == EnrollmentStatus.WITHDRAWN


def test_lock_enrollment_status_of_a_missing_enrollment_is_none(db):
    assert api.lock_enrollment_status(0) is None


def test_lock_enrollment_with_progress_reads_the_activitys_row_under_the_lock(enrollment):
    key = enrollment.version.activities.values_list("key", flat=True).first()
    with transaction.atomic():
        assert api.lock_enrollment_with_progress(enrollment.pk, key) == ("active", None)
        ActivityProgress.objects.create(
            enrollment=enrollment, activity_key=key, status="completed", attempts=2,
            updated_at=timezone.now(),
        )  # fmt: skip
        status, progress = api.lock_enrollment_with_progress(enrollment.pk, key)
    assert status == EnrollmentStatus.ACTIVE
    assert (progress.activity_key, progress.status, progress.attempts) == (key, "completed", 2)
    with transaction.atomic():
        assert api.lock_enrollment_with_progress(0, key) == (None, None)


def _from_another_connection(sql: str, params) -> Exception | None:
    """Run `sql` in a thread with its own connection; what it raised, if anything."""
    raised = []

    def run():
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
        except DatabaseError as error:
            raised.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return raised[0] if raised else None


@pytest.mark.django_db(transaction=True)
def test_lock_enrollment_status_holds_the_row_until_the_transaction_ends(world):
    built = build_course(world.designer, institution=world.national)
    enrollment = enroll(world.alice, world.student_a1, built.course)
    update = "SELECT 1 FROM learning_enrollment WHERE id = %s FOR NO KEY UPDATE NOWAIT"
    key_share = "SELECT 1 FROM learning_enrollment WHERE id = %s FOR KEY SHARE NOWAIT"
    with transaction.atomic():
        api.lock_enrollment_status(enrollment.pk)
        # Another writer of this enrollment waits (NOWAIT: refused at once) ...
        assert _from_another_connection(update, [enrollment.pk]) is not None
        # ... while rows that merely reference it (an event's foreign key) go ahead.
        assert _from_another_connection(key_share, [enrollment.pk]) is None
    assert _from_another_connection(update, [enrollment.pk]) is None
