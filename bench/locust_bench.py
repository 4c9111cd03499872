"""Students under load, with Locust: log-in, courses, a lesson, a practice answer,
p50/p95/p99 and failures per step, /healthz as the baseline in the same run.

The data set is the demo (size S: its first campus's students enrolled in
Propedéutico «Matemáticas»); the server is granian, 2 WSGI workers, as bench/run.py.

    DATABASE_URL=... REDIS_URL=... .venv/bin/python bench/locust_bench.py
    (a database with seed_demo loaded; LOCUST_USERS=60, LOCUST_SECONDS=60)
"""

import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impulsa.settings")

import django

django.setup()

from axes.models import AccessAttempt  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.urls import reverse  # noqa: E402
from run import PORT, REPO, SERVERS, VENV_BIN, _wait_for_port  # noqa: E402

from impulsa.accounts.models import User  # noqa: E402
from impulsa.assessment.models import ItemVersion  # noqa: E402
from impulsa.learning.models import Enrollment, PublishedActivity  # noqa: E402

USERS = int(os.environ.get("LOCUST_USERS", "60"))
SECONDS = int(os.environ.get("LOCUST_SECONDS", "60"))
PASSWORD = "Impulsa-Demo-2026"


def _targets() -> list[dict]:
    """Up to 200 demo students of «Matemáticas», each with the demo password (the
    demo gives one to the printed student only; the bench's database is its own)."""
    targets = []
    enrollments = Enrollment.objects.filter(course__code="prope-2").select_related("student")
    chosen = list(enrollments.order_by("student__username")[:200])
    User.objects.filter(pk__in=[e.student_id for e in chosen]).update(
        password=make_password(PASSWORD)
    )
    AccessAttempt.objects.all().delete()  # lockouts of an earlier run
    for enrollment in chosen:
        published = PublishedActivity.objects.filter(version_id=enrollment.version_id)
        lesson = published.filter(kind="content").order_by("id").first()
        practice = published.filter(kind="practice").order_by("id").first()
        if lesson is None or practice is None:
            continue
        version = ItemVersion.objects.filter(
            pk__in=practice.frozen["item_versions"], type="single_choice"
        ).first()
        best = max(
            range(len(version.body["choices"])),
            key=lambda i: float(version.body["choices"][i]["fraction"]),
        )
        key = {"enrollment_id": enrollment.pk}
        targets.append(
            {
                "username": enrollment.student.username,
                "lesson": reverse("player:activity", kwargs={**key, "activity_key": lesson.key}),
                "practice": reverse(
                    "player:activity", kwargs={**key, "activity_key": practice.key}
                ),
                "answer": reverse(
                    "answers:save",
                    kwargs={**key, "activity_key": practice.key, "item_version_id": version.pk},
                ),
                "choice": best,
            }
        )
    return targets


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="impulsa-locust-") as tmp:
        targets = Path(tmp) / "targets.json"
        targets.write_text(json.dumps(_targets()))
        env = {**os.environ, "LOCUST_TARGETS": str(targets), "RATELIMIT_ENABLE": "false"}
        server = subprocess.Popen(
            SERVERS["granian"](PORT), env=env, cwd=REPO, start_new_session=True
        )
        try:
            _wait_for_port(PORT)
            subprocess.run(
                [
                    str(VENV_BIN / "locust"), "-f", str(REPO / "bench" / "locustfile.py"),
                    "--headless", "-u", str(USERS), "-r", str(max(1, USERS // 10)),
                    "-t", f"{SECONDS}s", "--host", f"http://127.0.0.1:{PORT}",
                    "--csv", f"{tmp}/run", "--only-summary", "--loglevel", "WARNING",
                ],
                env=env, check=False, capture_output=True,
            )  # fmt: skip
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        _print(Path(f"{tmp}/run_stats.csv"))


def _print(stats: Path) -> None:
    print(f"{USERS} users for {SECONDS} s (9 students : 1 hello-world), granian 2 workers")
    print(
        f"{'step':<18}{'requests':>9}{'failures':>9}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'req/s':>8}"
    )
    with stats.open() as rows:
        for row in csv.DictReader(rows):
            print(
                f"{row['Name']:<18}{row['Request Count']:>9}{row['Failure Count']:>9}"
                f"{row['50%']:>8}{row['95%']:>8}{row['99%']:>8}{float(row['Requests/s']):>8.1f}"
            )


if __name__ == "__main__":
    main()
