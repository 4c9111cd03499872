"""Locust scenario (run by bench/locust_bench.py, which writes the targets file):
students sign in through the real log-in form, open their courses, study a lesson
and answer a practice question; a hello-world user hits /healthz in the same run as
the baseline. Steps are named so Locust reports p50/p95/p99 and failures per step."""

import json
import os
import random
import re

from locust import HttpUser, between, task

TARGETS = json.loads(open(os.environ["LOCUST_TARGETS"]).read())  # noqa: SIM115
PASSWORD = "Impulsa-Demo-2026"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
random.seed(2026)  # the same students in the same order in every run
_order = iter(random.sample(TARGETS, len(TARGETS)) * 100)


class Student(HttpUser):
    weight = 9
    wait_time = between(1, 3)

    def on_start(self):
        self.target = next(_order)
        page = self.client.get("/cuenta/entrar/", name="1 log-in page")
        token = CSRF_INPUT.search(page.text).group(1)
        with self.client.post(
            "/cuenta/entrar/",
            {
                "username": self.target["username"],
                "password": PASSWORD,
                "csrfmiddlewaretoken": token,
            },
            name="2 log-in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"log-in answered {response.status_code}")

    def _csrf(self) -> dict:
        return {"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "HX-Request": "true"}

    def _page(self, url: str, name: str) -> None:
        # A redirect (to the log-in page) is a failure here, not a page served.
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{name} answered {r.status_code}")

    @task(2)
    def courses(self):
        self._page("/aprender/", "3 my courses")

    @task(4)
    def study(self):
        self._page(self.target["lesson"], "4 lesson page")

    @task(3)
    def answer(self):
        self._page(self.target["practice"], "5 practice page")
        self.client.post(
            self.target["answer"],
            {"choice": self.target["choice"]},
            headers={**self._csrf(), "Referer": self.host + self.target["practice"]},
            name="6 answer",
            allow_redirects=False,
        )


class HelloWorld(HttpUser):
    """The baseline: the same server's cheapest answer, in the same run."""

    weight = 1
    wait_time = between(1, 3)

    @task
    def healthz(self):
        self.client.get("/healthz", name="0 hello-world")
