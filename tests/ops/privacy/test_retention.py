"""Retention classes: the Celery beat task blocks people whose keeping period ended,
then deletes blocks whose blocking period ended; each run is bounded and idempotent."""

import datetime

from django.utils import timezone

from impulsa.accounts.models import User
from impulsa.celery import app as celery_app
from impulsa.ops.privacy.models import PersonalDataBlock, RetentionClass, RetentionRule
from impulsa.ops.privacy.retention import apply_retention
from impulsa.ops.privacy.retention_defaults import ensure_classes
from impulsa.ops.privacy.tasks import apply_retention_task


def _close_account(user, *, years_ago: int):
    long_ago = timezone.now() - datetime.timedelta(days=365 * years_ago)
    User.objects.filter(pk=user.pk).update(
        is_active=False, last_login=long_ago, date_joined=long_ago
    )


def test_a_closed_account_past_its_keeping_period_is_blocked_by_the_task(world):
    _close_account(world.student_a1, years_ago=6)
    _close_account(world.student_a2, years_ago=1)  # still within five years
    result = apply_retention_task()
    assert result == {"blocked": 1, "deleted": 0}
    block = PersonalDataBlock.objects.get()
    assert block.person_id == world.student_a1.pk
    assert block.reason == "retention" and block.campus == world.campus_a1
    assert User.objects.get(pk=world.student_a1.pk).first_name == "Persona"
    assert User.objects.get(pk=world.student_a2.pk).first_name == world.student_a2.first_name


def test_active_accounts_are_never_blocked_however_old(world):
    User.objects.filter(pk=world.student_a1.pk).update(
        date_joined=timezone.now() - datetime.timedelta(days=365 * 20)
    )
    assert apply_retention().blocked == 0


def test_a_shorter_period_set_by_staff_takes_effect_at_the_next_run(world):
    ensure_classes()
    RetentionClass.objects.filter(rule=RetentionRule.INACTIVE_ACCOUNTS).update(keep_days=30)
    _close_account(world.student_a2, years_ago=1)
    assert apply_retention().blocked == 1


def test_blocks_are_deleted_once_and_only_when_due(world):
    _close_account(world.student_a1, years_ago=6)
    apply_retention()
    block = PersonalDataBlock.objects.get()
    assert apply_retention(on=block.delete_on - datetime.timedelta(days=1)).deleted == 0
    assert apply_retention(on=block.delete_on).deleted == 1
    assert apply_retention(on=block.delete_on + datetime.timedelta(days=9)).deleted == 0
    block.refresh_from_db()
    assert block.sealed is None


def test_the_task_runs_every_day_from_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["ops-privacy-retention"]
    assert entry["task"] == "ops.privacy.apply_retention"
    assert entry["task"] in celery_app.tasks
