"""Prometheus metrics (prometheus-client): what a request, a task and a backup did.

Request counters and latencies live in each process (with several granian workers,
PROMETHEUS_MULTIPROC_DIR makes them add up per pod, deploy/README.md). What is the
same for every process is read when Prometheus scrapes: Celery queue depths (Redis),
task outcomes (counted in the shared cache by the workers, which serve no HTTP) and
the newest backup's age (the Backup table).
"""

import os

from django.core.cache import cache
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from impulsa.ops.backups.models import Backup
from impulsa.ops.observability import queues

REQUESTS = Counter(
    "impulsa_http_requests_total",
    "HTTP requests by route and status",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "impulsa_http_request_duration_seconds",
    "Time to answer a request, by route",
    ["route"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
SLOW_QUERIES = Counter(
    "impulsa_db_slow_queries_total", "Queries over SLOW_QUERY_SECONDS", ["route"]
)

OUTCOMES = ("succeeded", "failed", "retried")
_OUTCOME_KEY = "ops:celery:{task}:{outcome}"


def outcome_key(task: str, outcome: str) -> str:
    return _OUTCOME_KEY.format(task=task, outcome=outcome)


def count_task_outcome(task: str, outcome: str) -> None:
    """Called from Celery's signals in whichever process ran the task."""
    key = outcome_key(task, outcome)
    cache.add(key, 0, timeout=None)
    try:
        cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=None)


class SharedCollector:
    """Figures read at scrape time, the same whichever process is asked."""

    def collect(self):
        depth = GaugeMetricFamily("impulsa_celery_queue_length", "Tasks waiting", labels=["queue"])
        for queue, length in queues.depths().items():
            depth.add_metric([queue], length)
        yield depth
        yield self._outcomes()
        yield from self._backup()

    def _outcomes(self):
        from impulsa.celery import app

        tasks = sorted(name for name in app.tasks if not name.startswith("celery."))
        keys = {outcome_key(t, o): (t, o) for t in tasks for o in OUTCOMES}
        family = CounterMetricFamily(
            "impulsa_celery_tasks", "Celery task runs by outcome", labels=["task", "outcome"]
        )
        for key, value in cache.get_many(list(keys)).items():
            family.add_metric(list(keys[key]), value)
        return family

    def _backup(self):
        newest = Backup.objects.filter(status=Backup.Status.OK).order_by("-started_at").first()
        last = Backup.objects.order_by("-started_at").first()
        yield GaugeMetricFamily(
            "impulsa_backup_last_success_timestamp_seconds",
            "When the newest complete backup finished (0: none yet)",
            value=newest.finished_at.timestamp() if newest else 0,
        )
        yield GaugeMetricFamily(
            "impulsa_backup_last_size_bytes",
            "Size of the newest complete backup",
            value=newest.size_bytes if newest else 0,
        )
        yield GaugeMetricFamily(
            "impulsa_backup_last_run_failed",
            "1 if the newest backup run failed",
            value=int(bool(last and last.status == Backup.Status.FAILED)),
        )


def exposition() -> bytes:
    """The text Prometheus scrapes: this pod's request figures and the shared ones."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        for collector in (REQUESTS, LATENCY, SLOW_QUERIES):
            registry.register(collector)
    registry.register(SharedCollector())
    return generate_latest(registry)
