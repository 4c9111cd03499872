"""Backups run daily from Celery beat, keep a week, and a bad archive changes nothing."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from impulsa.celery import app as celery_app
from impulsa.ops.backups import services
from impulsa.ops.backups.models import Backup


def test_the_daily_backup_is_scheduled_and_its_task_registered():
    celery_app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["ops-daily-backup"]
    assert entry["task"] == "ops.daily_backup"
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"].hour == {3}


def _backup_at(when, status=Backup.Status.OK) -> Backup:
    backup = Backup.objects.create(
        name=f"impulsa-{when:%Y%m%dT%H%M%S}Z.impbak", status=status, started_at=when
    )
    services.backup_storage().save(backup.name, ContentFile(b"sealed"))
    return backup


@pytest.mark.django_db
def test_pruning_keeps_seven_days_and_deletes_the_archives():
    now = timezone.now()
    backups = [_backup_at(now - timedelta(days=age)) for age in range(10)]
    assert services.prune_backups(now=now) == 3
    kept = Backup.objects.exclude(status=Backup.Status.PRUNED)
    assert {b.pk for b in kept} == {b.pk for b in backups[:7]}
    assert not services.backup_storage().exists(backups[9].name)
    assert services.backup_storage().exists(backups[6].name)


@pytest.mark.django_db
def test_pruning_never_deletes_the_newest_complete_backup():
    now = timezone.now()
    good = _backup_at(now - timedelta(days=12))
    for age in range(8):
        _backup_at(now - timedelta(days=age), status=Backup.Status.FAILED)
    services.prune_backups(now=now)
    good.refresh_from_db()
    assert good.status == Backup.Status.OK
    assert services.backup_storage().exists(good.name)


@pytest.mark.django_db
def test_restoring_a_damaged_archive_says_so_and_touches_nothing(world):
    backup = _backup_at(timezone.now())
    users = world.alice.__class__.objects.count()
    with pytest.raises(CommandError, match="no es un respaldo"):
        call_command("restore_backup", backup.name, "--yes")
    assert world.alice.__class__.objects.count() == users


@pytest.mark.django_db
def test_restoring_needs_a_name_and_a_confirmation():
    with pytest.raises(CommandError, match="No hay ningún respaldo"):
        call_command("restore_backup", "--latest", "--yes")
    with pytest.raises(CommandError, match="requiere --yes"):
        call_command("restore_backup", "impulsa-x.impbak")
    with pytest.raises(CommandError, match="No existe el respaldo"):
        call_command("restore_backup", "impulsa-x.impbak", "--yes")
