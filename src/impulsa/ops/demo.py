"""Demo data for operations: one real backup of the freshly seeded demo, so the
operators' page (national admin) shows an archive, its size and its age, and
`manage.py restore_backup --latest --yes` has something to restore. Idempotent: a
complete backup from today is enough."""

from django.utils import timezone

from impulsa.core.demo import DemoStep
from impulsa.core.demo import register as register_step
from impulsa.ops.backups import services
from impulsa.ops.backups.models import Backup
from impulsa.ops.backups.postgres import PostgresToolError


def register() -> None:
    register_step(DemoStep(order=90, name="ops", run=seed))


def seed() -> list[str]:
    today = timezone.localdate()
    if Backup.objects.filter(status=Backup.Status.OK, started_at__date=today).exists():
        return []
    try:
        backup = services.run_backup()
    except PostgresToolError as exc:
        # The demo must start even on a machine without pg_dump; the page says so.
        return [f"Respaldo de demostración omitido: {exc}"]
    return [f"Respaldo de demostración: {backup.name} ({backup.size_bytes // 1024} KB)"]
