"""Periodic operations work, sent by Celery beat (settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from impulsa.ops.backups import services as backups


@shared_task(name="ops.daily_backup")
def daily_backup() -> str:
    """Back up, then prune: a failed backup raises before anything old is deleted."""
    backup = backups.run_backup()
    backups.prune_backups()
    return backup.name
