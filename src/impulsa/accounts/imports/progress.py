"""Progress of a running import, published through the cache.

A job validates and writes inside one transaction (so that a failure leaves nothing
behind), which means its row cannot show progress to other connections until the
end. The worker publishes its phase and row counter under a key per job instead;
the status page and the API read it. Each row is counted twice, once when it is
validated and once when it is written, so the bar moves steadily from 0 to 100.

Without Redis the cache is a database table: a write through the worker's own
connection would sit in the job's transaction, unseen until the end, so progress
is then written through a connection of its own (a short-lived helper thread).
"""

import threading
from dataclasses import dataclass

from django.core.cache import cache, caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.db import connection, connections
from django.utils.translation import gettext_lazy as _

from impulsa.accounts.models import ImportJob

# A worker that dies leaves its last figures for at most this long.
_TIMEOUT = 15 * 60
Status = ImportJob.Status


def _key(job_id: int) -> str:
    return f"imports:progress:{job_id}"


@dataclass(frozen=True)
class Progress:
    status: str  # an ImportJob.Status value
    done: int  # rows handled in the current phase
    total: int

    @property
    def percent(self) -> int:
        if self.status in (Status.DONE, Status.INVALID, Status.FAILED):
            return 100
        if not self.total:
            return 0
        half = 50 if self.status == Status.IMPORTING else 0
        return min(100, half + (50 * min(self.done, self.total)) // self.total)

    @property
    def label(self):
        return Status(self.status).label if self.status != Status.PENDING else _("En espera")

    @property
    def is_finished(self) -> bool:
        return self.status in (Status.DONE, Status.INVALID, Status.FAILED)


def publish(job_id: int, status: str, done: int, total: int) -> None:
    value = (status, done, total)
    if connection.in_atomic_block and isinstance(caches["default"], BaseDatabaseCache):
        helper = threading.Thread(target=_set_outside_transaction, args=(_key(job_id), value))
        helper.start()
        helper.join()
    else:
        cache.set(_key(job_id), value, _TIMEOUT)


def _set_outside_transaction(key: str, value) -> None:
    try:
        cache.set(key, value, _TIMEOUT)  # this thread's own connection, in autocommit
    finally:
        connections.close_all()


def clear(job_id: int) -> None:
    cache.delete(_key(job_id))


def of(job: ImportJob) -> Progress:
    """What a job is doing now: its stored result when finished, else the published phase."""
    if job.is_finished:
        return Progress(job.status, job.total_rows, job.total_rows)
    published = cache.get(_key(job.pk))
    if published is None:
        return Progress(job.status, 0, job.total_rows)
    status, done, total = published
    return Progress(status, done, total)


class Reporter:
    """Publishes a phase's counter every `every` rows (and at its end), not on every row."""

    def __init__(self, job_id: int, total: int, *, every: int = 250):
        self.job_id = job_id
        self.total = total
        self.every = every
        self._published = -1

    def start(self, status: str) -> None:
        self._published = 0
        publish(self.job_id, status, 0, self.total)

    def step(self, status: str, done: int) -> None:
        if done - self._published >= self.every or done >= self.total:
            self._published = done
            publish(self.job_id, status, done, self.total)
