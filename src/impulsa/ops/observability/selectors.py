"""What the operators' page reads: queue depths, task outcomes, backups."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.core.errors import AccessDenied
from impulsa.ops.backups.models import Backup
from impulsa.ops.observability import metrics, queues
from impulsa.org.api import Capability, has_anywhere

STALE_AFTER = timedelta(hours=36)  # the alert's threshold (ops/README.md)


def ensure_operator(user) -> None:
    if not has_anywhere(user, Capability.OPERATE_PLATFORM):
        raise AccessDenied(_("Solo la administración nacional opera la plataforma."))


@dataclass(frozen=True)
class BackupStatus:
    newest: Backup | None
    recent: list[Backup]
    age: timedelta | None

    @property
    def stale(self) -> bool:
        return self.age is None or self.age > STALE_AFTER

    @property
    def size_bars(self) -> list[dict]:
        done = [b for b in reversed(self.recent) if b.status == Backup.Status.OK]
        largest = max((b.size_bytes for b in done), default=0) or 1
        return [
            {
                "label": timezone.localtime(b.started_at).strftime("%d/%m %H:%M"),
                "value": b.size_bytes,
                "percent": round(100 * b.size_bytes / largest),
            }
            for b in done
        ]


def backup_status(user, *, now=None) -> BackupStatus:
    ensure_operator(user)
    recent = list(Backup.objects.order_by("-started_at")[:14])
    newest = next((b for b in recent if b.status == Backup.Status.OK), None)
    if newest is None:
        newest = Backup.objects.filter(status=Backup.Status.OK).order_by("-started_at").first()
    age = (now or timezone.now()) - newest.finished_at if newest else None
    return BackupStatus(newest, recent, age)


def queue_depths(user) -> dict[str, int] | None:
    """None when there is no broker to ask (the demo runs tasks in-process)."""
    ensure_operator(user)
    found = queues.depths()
    return found or None


def task_outcomes(user) -> list[dict]:
    """Runs per task and outcome since the counters began (the cache keeps them)."""
    ensure_operator(user)
    from impulsa.celery import app

    tasks = sorted(name for name in app.tasks if not name.startswith("celery."))
    keys = {metrics.outcome_key(t, o): (t, o) for t in tasks for o in metrics.OUTCOMES}
    found = cache.get_many(list(keys))
    rows = []
    for task in tasks:
        counts = {o: found.get(metrics.outcome_key(task, o), 0) for o in metrics.OUTCOMES}
        if any(counts.values()):
            rows.append({"task": task, **counts})
    return rows
