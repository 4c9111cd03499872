"""Time each staff list page of bench/national.py in-process against DATABASE_URL and
print one JSON line {label: {p50, p95, queries}} (ms). `--explain LABEL` instead
prints EXPLAIN ANALYZE of the queries that page runs."""

import json
import os
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impulsa.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from national import PAGES, REQUESTS  # noqa: E402
from profile_home import signed_in_client  # noqa: E402

from impulsa.learning.models import Course  # noqa: E402
from impulsa.org.models import Group, Institution  # noqa: E402


def _targets() -> dict:
    campus = Institution.objects.get(code="14DPT0001A")
    return {
        "campus": campus.pk,
        "course": Course.objects.get(code="prope-1").pk,
        "group": Group.objects.get(campus=campus, name="101", period__is_current=True).pk,
    }


def _path(targets, name, kwargs, query) -> str:
    url = reverse(name, kwargs={k: targets[v] for k, v in kwargs.items()})
    return f"{url}?{query.format(**targets)}" if query else url


def _time(client, path) -> tuple[list[float], int]:
    for _ in range(2):
        client.get(path)
    samples = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(path)
        samples.append(1000 * (time.perf_counter() - started))
        if response.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return samples, len(queries)


def measure() -> dict:
    targets, clients, results = _targets(), {}, {}
    for label, username, name, kwargs, query in PAGES:
        client = clients.setdefault(username, signed_in_client(username))
        samples, queries = _time(client, _path(targets, name, kwargs, query))
        samples.sort()
        results[label] = {
            "p50": statistics.median(samples),
            "p95": samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))],
            "queries": queries,
        }
    return results


def explain(wanted: str) -> None:
    targets = _targets()
    for label, username, name, kwargs, query in PAGES:
        if label != wanted:
            continue
        client = signed_in_client(username)
        path = _path(targets, name, kwargs, query)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        with connection.cursor() as cursor:
            for q in queries.captured_queries:
                if not q["sql"].startswith("SELECT") or float(q["time"]) < 0.01:
                    continue
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
                plan = "\n".join(row[0] for row in cursor.fetchall())
                print(f"-- {q['time']} s\n{q['sql'][:600]}\n{plan}\n")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--explain":
        explain(sys.argv[2])
    else:
        print(json.dumps(measure()))
