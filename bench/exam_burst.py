"""Exam-start burst: N students, signed in beforehand, released together from a
barrier to start the same exam, answer every question and submit (granian, 2 WSGI
workers, the demo database). Prints p50/p95/max per step, errors, duplicate attempts
and lost answers (both counted in the database; both must be 0), and hello-world
requests/s measured on the same server in the same run.

Run by bench/run.py (`bench/run.py exam`, after seed_demo); `BURST_STUDENTS=1000`
for the large burst (300 by default); `BURST_THINK=5-20` has each student read every
question 5 to 20 s before answering (by default they answer at once). Goal: every
first-question page of 1,000 students served within 10 s on a 2-core machine, with
zero errors.
"""

import http.client
import os
import random
import re
import resource
import signal
import statistics
import subprocess
import threading
import time
from datetime import timedelta
from importlib import import_module
from urllib.parse import urlencode

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impulsa.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402
from run import PORT, REPO, SERVERS, _wait_for_port  # noqa: E402

from impulsa.accounts.models import StudentProfile, User  # noqa: E402
from impulsa.assessment.bank.services import set_activity_items  # noqa: E402
from impulsa.assessment.models import Answer, Item  # noqa: E402
from impulsa.learning.authoring import services as authoring  # noqa: E402
from impulsa.learning.enrollment.services import enroll_many  # noqa: E402
from impulsa.learning.models import Course  # noqa: E402
from impulsa.learning.publishing.services import publish  # noqa: E402
from impulsa.ops.privacy.gate import SESSION_KEY as NOTICE_SESSION_KEY  # noqa: E402
from impulsa.ops.privacy.models import NoticeAcceptance  # noqa: E402
from impulsa.ops.privacy.notices import current_notice  # noqa: E402
from impulsa.org.api import RoleGrant, add_memberships  # noqa: E402
from impulsa.org.models import Institution  # noqa: E402
from impulsa.org.roles import Role  # noqa: E402
from impulsa.proctoring.models import Attempt, AttemptState  # noqa: E402
from impulsa.proctoring.scheduling.services import SessionPlan, schedule_session  # noqa: E402
from impulsa.proctoring.setup.services import add_draw, set_policy  # noqa: E402

STUDENTS = int(os.environ.get("BURST_STUDENTS", "300"))
# Seconds a student reads each question before answering it, "low-high" (uniform,
# seeded per student). 0: hurried students who answer the moment the page arrives, the
# worst case, where every answer competes with the first pages still being served.
THINK = tuple(float(x) for x in os.environ.get("BURST_THINK", "0-0").split("-"))
CSRF = "e" * 32
FIXED, DRAWN = 4, 4  # items on each form: fixed ones and a draw from a pool
SIMPLE_TYPES = ("single_choice", "true_false")
HELLO_SECONDS = 5
# Granian: 2 workers (the 2 cores), 4 blocking threads each (BURST_THREADS): measured
# on 1,000 reading students, 16 threads served every first page in 28.8 s, 4 in 17.3 s
# and 2 in 18.9 s; past a few threads the GIL hand-offs cost more than the waits on the
# database they overlap.
SERVER = [*SERVERS["granian"](PORT)]
SERVER[SERVER.index("--blocking-threads") + 1] = os.environ.get("BURST_THREADS", "4")
SERVER[SERVER.index("--workers") : SERVER.index("--workers")] = ["--backlog", "4096"]


def _exam_session():
    """A fresh exam in a demo course (fixed items plus a pool draw), its session open
    now at the demo campus, and STUDENTS new students enrolled in the course."""
    designer = User.objects.get(username="disenadora.nacional")
    admin = User.objects.get(username="admin.gdl1")
    course = Course.objects.get(code="prope-2")
    skill = course.skills.first()
    lesson = course.units.first().lessons.first()
    simple = Item.objects.filter(course=course, current__type__in=SIMPLE_TYPES)
    exam = authoring.create_activity(
        actor=designer, lesson=lesson, kind="exam", title=f"Examen ráfaga {time.time():.0f}"
    )
    fixed = list(simple.exclude(skills=skill)[:FIXED]) or list(simple[:FIXED])
    set_activity_items(actor=designer, activity=exam, items=fixed)
    set_policy(
        actor=designer, activity=exam, time_limit_minutes=60, max_attempts=1,
        cooldown_minutes=0, passing_grade=6, review="immediately",
        shuffle_items=True, shuffle_choices=True,
    )  # fmt: skip
    add_draw(actor=designer, activity=exam, count=DRAWN, skill=skill)
    publish(actor=designer, course=course)
    course.refresh_from_db()
    campus = Institution.objects.get(
        pk=admin.memberships.get(role=Role.CAMPUS_ADMIN).institution_id
    )
    students = _students(admin, campus)
    enroll_many(actor=admin, students=students, course=course)
    now = timezone.now()
    session = schedule_session(
        actor=admin,
        plan=SessionPlan(
            campus=campus, course=course, activity_key=exam.key, title="Ráfaga",
            opens_at=now - timedelta(minutes=1), closes_at=now + timedelta(hours=2),
        ),
    )  # fmt: skip
    return session, students


def _students(admin, campus) -> list:
    """New students of the demo campus (bulk: the bench builds data, not people)."""
    run = f"{int(time.time()) % 100000:05d}"
    users = User.objects.bulk_create(
        User(username=f"r{run}{n:05d}", first_name="Alumno", last_name=f"Ráfaga {n}")
        for n in range(STUDENTS)
    )
    template = StudentProfile.objects.filter(campus=campus).first()
    StudentProfile.objects.bulk_create(
        StudentProfile(
            user=u,
            campus=campus,
            career_id=template.career_id,
            semester=1,
            matricula=u.username,
        )
        for u in users
    )
    add_memberships(actor=admin, grants=[RoleGrant(u.pk, campus.pk, Role.STUDENT) for u in users])
    notice = current_notice()
    if notice is not None:  # they accepted the privacy notice when they first signed in
        NoticeAcceptance.objects.bulk_create(NoticeAcceptance(user=u, notice=notice) for u in users)
    return users


def _session_key(user) -> str:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    notice = current_notice()
    if notice is not None:
        store[NOTICE_SESSION_KEY] = notice.version
    store.create()
    return store.session_key


class Student(threading.Thread):
    """One student's browser: start, the first-question page, each answer, submit."""

    FORM = re.compile(r'<form method="post" id="i(\d+)-form" data-item-form action="([^"]+)"')
    CHOICE = re.compile(r'type="(?:radio|checkbox)" name="([\w-]+)" value="([^"]+)"')
    TEXT = re.compile(
        r'<input[^>]*type="(?:text|number)"[^>]*name="([\w-]+)"|<textarea[^>]*name="([\w-]+)"'
    )
    HIDDEN = re.compile(r'type="hidden" name="([\w-]+)" value="([^"]*)"')
    SELECT = re.compile(r'<select[^>]*name="([\w-]+)"[^>]*>.*?<option value="([^"]+)"', re.S)

    @classmethod
    def fill(cls, form: str) -> dict:
        """Some answer to every field of an item's form, as a hurried student gives."""
        fields = {}
        for name, value in cls.HIDDEN.findall(form):
            if name != "csrfmiddlewaretoken":
                fields.setdefault(name, value)
        for name, value in cls.CHOICE.findall(form):
            fields.setdefault(name, value)
        for text_name, area_name in cls.TEXT.findall(form):
            if text_name != "positions":  # ordering's no-script box: the buttons' order counts
                fields.setdefault(text_name or area_name, "1")
        for name, value in cls.SELECT.findall(form):
            fields.setdefault(name, value)
        return fields

    def __init__(self, session_id, key, barrier, released, seed=0):
        super().__init__(daemon=True)
        self.reading = random.Random(seed)
        self.session_id, self.key, self.barrier, self.released = session_id, key, barrier, released
        self.times: dict[str, list[float]] = {}
        self.first_page_at = None
        self.errors: list[str] = []
        self.acknowledged: list[tuple[int, int]] = []  # (attempt id, item version id)

    def _request(self, conn, step, method, path, body=None, extra=None):
        headers = {
            "Cookie": f"sessionid={self.key}; csrftoken={CSRF}; impulsa_exam_device=d{self.key[:12]}",
            "X-CSRFToken": CSRF,
            **(extra or {}),
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        self.times.setdefault(step, []).append(time.perf_counter() - started)
        return response, data

    def run(self):
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
        try:
            self.barrier.wait()
            response, _ = self._request(
                conn, "start", "POST", f"/examenes/sesion/{self.session_id}/", ""
            )
            if response.status != 302:
                self.errors.append(f"start {response.status}")
                return
            attempt_path = response.getheader("Location")
            attempt_id = int(attempt_path.rstrip("/").rsplit("/", 1)[1])
            response, page = self._request(conn, "first page", "GET", attempt_path)
            self.first_page_at = time.perf_counter() - self.released[0]
            if response.status != 200:
                self.errors.append(f"page {response.status}")
                return
            html = page.decode()
            for version_id, action in self.FORM.findall(html):
                if THINK[1]:
                    time.sleep(self.reading.uniform(*THINK))
                form = html[html.index(f'id="i{version_id}-form"') :]
                form = form[: form.index("</form>")]
                response, body = self._request(
                    conn, "answer", "POST", action, urlencode(self.fill(form)),
                    {"X-Exam-Autosave": "1"},
                )  # fmt: skip
                if response.status == 200 and b'"saved": true' in body:
                    self.acknowledged.append((attempt_id, int(version_id)))
                else:
                    self.errors.append(f"answer {response.status}")
            response, _ = self._request(conn, "submit", "POST", f"{attempt_path}entregar/", "")
            if response.status != 302:
                self.errors.append(f"submit {response.status}")
        except Exception as error:
            self.errors.append(type(error).__name__)
        finally:
            conn.close()


def _group_cpu_seconds(pgid: int) -> float:
    """CPU time (user + system) of every live process in the server's group, from /proc."""
    ticks, total = os.sysconf("SC_CLK_TCK"), 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def _own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _hello_world() -> float:
    """/healthz on the same server: 16 keep-alive connections for a few seconds."""
    count = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + HELLO_SECONDS

    def loop():
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        done = 0
        while time.perf_counter() < stop:
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            done += 1
        with lock:
            count[0] += done

    threads = [threading.Thread(target=loop) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return count[0] / HELLO_SECONDS


def _row(step: str, values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
    return (
        f"{step:11s} n={len(values):5d}  p50 {1000 * statistics.median(values):7.0f} ms  "
        f"p95 {1000 * p95:7.0f} ms  max {1000 * values[-1]:7.0f} ms"
    )


def main() -> None:
    session, students = _exam_session()
    keys = [_session_key(s) for s in students]
    threading.stack_size(512 * 1024)
    barrier = threading.Barrier(len(keys) + 1)
    released = [0.0]
    crowd = [Student(session.pk, key, barrier, released, seed) for seed, key in enumerate(keys)]
    server = subprocess.Popen(SERVER, env=os.environ, cwd=REPO, start_new_session=True)
    try:
        _wait_for_port(PORT)
        _hello_world()  # warm-up: workers, connections, caches
        for student in crowd:
            student.start()
        cpu = (_group_cpu_seconds(server.pid), _own_cpu_seconds())
        released[0] = time.perf_counter()
        barrier.wait()
        for student in crowd:
            student.join()
        burst = time.perf_counter() - released[0]
        cpu = (_group_cpu_seconds(server.pid) - cpu[0], _own_cpu_seconds() - cpu[1])
        hello = _hello_world()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    _report(session, crowd, burst, hello, cpu)


def _report(session, crowd, burst: float, hello: float, cpu: tuple[float, float]) -> None:
    steps: dict[str, list[float]] = {}
    for student in crowd:
        for step, values in student.times.items():
            steps.setdefault(step, []).extend(values)
    errors = [e for s in crowd for e in s.errors]
    first = [s.first_page_at for s in crowd if s.first_page_at is not None]
    duplicates = (
        Attempt.objects.filter(session=session)
        .values("enrollment_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    acknowledged = {pair for s in crowd for pair in s.acknowledged}
    attempts = {a.pk: a for a in Attempt.objects.filter(session=session)}
    stored = {
        (a.pk, item)
        for a in attempts.values()
        for item in Answer.objects.filter(
            enrollment_id=a.enrollment_id, activity_key=a.activity_key, attempt=a.number
        ).values_list("item_version_id", flat=True)
    }
    lost = len(acknowledged - stored)
    requests = sum(len(v) for v in steps.values())
    reading = f"reading {THINK[0]:g}–{THINK[1]:g} s per question" if THINK[1] else "hurried"
    print(f"{len(crowd)} students ({reading}) released together; burst done in {burst:.1f} s")
    for step in ("start", "first page", "answer", "submit"):
        if step in steps:
            print(_row(step, steps[step]))
    if first:
        print(f"every first-question page served within {max(first):.1f} s of the release")
    submitted = sum(1 for a in attempts.values() if a.state == AttemptState.SUBMITTED)
    print(
        f"errors {len(errors)} | duplicate attempts {duplicates} | lost answers {lost} "
        f"(acknowledged {len(acknowledged)}) | submitted {submitted}/{len(crowd)}"
    )
    print(
        f"burst {requests / burst:.0f} req/s vs hello-world {hello:.0f} req/s "
        f"(same server, same run) = {100 * requests / burst / hello:.1f} %"
    )
    cores = os.cpu_count() * burst
    print(
        f"CPU during the burst: server {cpu[0]:.1f} s ({100 * cpu[0] / cores:.0f} % of the "
        f"{os.cpu_count()} cores), this client's {len(crowd)} threads {cpu[1]:.1f} s "
        f"({100 * cpu[1] / cores:.0f} %)"
    )
    if errors:
        print("first errors:", ", ".join(errors[:10]))


if __name__ == "__main__":
    main()
