"""The student's player under load: the lesson page and the answer submit, each
against hello-world on the same server in the same run (granian, 2 WSGI workers).

Run by bench/run.py (after seed_demo) with the bench database in the environment.
Also measures, in-process, what writing the learning event costs inside an answer.
"""

import os
import re
import subprocess
import tempfile
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impulsa.settings")
django.setup()

from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from profile_home import cpu_ms, signed_in_client  # noqa: E402
from run import DURATION, PORT, SERVERS, _wait_for_port, _wrk  # noqa: E402

from impulsa.assessment.models import ItemVersion  # noqa: E402
from impulsa.learning.events import services as events  # noqa: E402
from impulsa.learning.models import Enrollment, PublishedActivity, Verb  # noqa: E402

STUDENT = "261400100001"
CSRF = "b" * 32  # a token of our own, sent as cookie and header, as a browser would
EVENT_SAMPLES = 2000
ANSWER_SAMPLES = 400


def _targets():
    enrollment = Enrollment.objects.select_related("version").get(
        student__username=STUDENT, course__code="prope-2"
    )
    published = PublishedActivity.objects.filter(version=enrollment.version)
    lesson = published.filter(kind="content").order_by("id").first()
    practice = published.filter(kind="practice").order_by("id").first()
    version = ItemVersion.objects.filter(
        pk__in=practice.frozen["item_versions"], type="single_choice"
    ).first()
    best = max(
        range(len(version.body["choices"])),
        key=lambda i: float(version.body["choices"][i]["fraction"]),
    )
    return enrollment, lesson, practice, version, best


def _post_script(body: str, cookie: str) -> str:
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
    script.write(
        'wrk.method = "POST"\n'
        f'wrk.body = "{body}"\n'
        'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        f'wrk.headers["Cookie"] = "{cookie}; csrftoken={CSRF}"\n'
        f'wrk.headers["X-CSRFToken"] = "{CSRF}"\n'
        'wrk.headers["HX-Request"] = "true"\n'
    )
    script.close()
    return script.name


def _wrk_script(url: str, script: str) -> float:
    command = ["wrk", "-t2", "-c16", f"-d{DURATION}s", "-s", script, url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if failed:
        raise RuntimeError(f"{url}: {failed.group(1)} failed responses\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def serving(enrollment, lesson, practice, version, best) -> None:
    client = signed_in_client(STUDENT)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    base = f"http://127.0.0.1:{PORT}"
    lesson_url = base + reverse(
        "player:activity", kwargs={"enrollment_id": enrollment.pk, "activity_key": lesson.key}
    )
    answer_url = base + reverse(
        "answers:save",
        kwargs={
            "enrollment_id": enrollment.pk,
            "activity_key": practice.key,
            "item_version_id": version.pk,
        },
    )
    script = _post_script(f"choice={best}", cookie)
    server = subprocess.Popen(SERVERS["granian"](PORT), start_new_session=True)
    try:
        _wait_for_port(PORT)
        _wrk(f"{base}/healthz")  # warm-up
        _wrk(lesson_url, cookie)
        hello = _wrk(f"{base}/healthz")
        home = _wrk(f"{base}/", cookie)
        page = _wrk(lesson_url, cookie)
        answer = _wrk_script(answer_url, script)
        hello_again = _wrk(f"{base}/healthz")
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)
        os.unlink(script)
    baseline = (hello + hello_again) / 2
    print(f"hello-world   {baseline:8.0f} req/s (before {hello:.0f}, after {hello_again:.0f})")
    print(f"student home  {home:8.0f} req/s = {100 * home / baseline:5.1f} % of hello (for scale)")
    print(f"lesson page   {page:8.0f} req/s = {100 * page / baseline:5.1f} % of hello (goal 20 %)")
    print(
        f"answer submit {answer:8.0f} req/s = {100 * answer / baseline:5.1f} % of hello (goal 10 %)"
    )


def event_cost(enrollment, practice, version, best) -> None:
    """Time the event write alone and a whole answer request, in-process."""
    client = signed_in_client(STUDENT)
    url = reverse(
        "answers:save",
        kwargs={
            "enrollment_id": enrollment.pk,
            "activity_key": practice.key,
            "item_version_id": version.pk,
        },
    )
    for _ in range(50):
        client.post(url, {"choice": best}, HTTP_HX_REQUEST="true")
    started = time.perf_counter()
    for _ in range(ANSWER_SAMPLES):
        client.post(url, {"choice": best}, HTTP_HX_REQUEST="true")
    per_answer = (time.perf_counter() - started) / ANSWER_SAMPLES
    started = time.perf_counter()
    for _ in range(EVENT_SAMPLES):
        with transaction.atomic():
            events.record(
                enrollment=enrollment,
                verb=Verb.ANSWERED,
                object_type="item",
                object_id=f"item:{version.item.key}",
                activity_key=practice.key,
                result={"score": "1", "success": True, "response": best},
            )
    per_event = (time.perf_counter() - started) / EVENT_SAMPLES
    print(
        f"event write   {per_event * 1000:6.2f} ms of a {per_answer * 1000:.2f} ms answer request "
        f"= {100 * per_event / per_answer:4.1f} % (in-process, {ANSWER_SAMPLES} answers)"
    )


def cpu_ratios(enrollment, lesson, practice, version, best) -> None:
    """The same ratios from CPU time in-process, steady whatever else the machine runs."""
    client = signed_in_client(STUDENT)
    lesson_url = reverse(
        "player:activity", kwargs={"enrollment_id": enrollment.pk, "activity_key": lesson.key}
    )
    answer_url = reverse(
        "answers:save",
        kwargs={
            "enrollment_id": enrollment.pk,
            "activity_key": practice.key,
            "item_version_id": version.pk,
        },
    )
    hello = cpu_ms(Client(), "/healthz")
    for _ in range(20):
        client.post(answer_url, {"choice": best}, HTTP_HX_REQUEST="true")
    started = time.process_time()
    for _ in range(100):
        client.post(answer_url, {"choice": best}, HTTP_HX_REQUEST="true")
    # Read before the pages below run: their time is not the answer's.
    answer_ms = 1000 * (time.process_time() - started) / 100
    figures = {
        "student home": cpu_ms(client, "/", 100),
        "lesson page": cpu_ms(client, lesson_url, 100),
        "answer submit": answer_ms,
    }
    print(f"CPU per request in-process: hello-world {hello:.2f} ms")
    for label, ms in figures.items():
        print(f"  {label:13s} {ms:6.2f} ms = {100 * hello / ms:5.1f} % of hello's rate")


def main() -> None:
    enrollment, lesson, practice, version, best = _targets()
    serving(enrollment, lesson, practice, version, best)
    cpu_ratios(enrollment, lesson, practice, version, best)
    event_cost(enrollment, practice, version, best)


if __name__ == "__main__":
    main()
