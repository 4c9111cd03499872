"""Browser journeys: Playwright driving Debian's Chromium against a live server.

Playwright's own browser download cannot run here; `make test` installs the
`chromium` Debian package and we launch it by path.
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.e2e import axe

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from
# the test body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# How long `expect(...)` waits for the page to get there (Playwright's default is 5 s).
# A passing check returns as soon as it holds; on a loaded 2-core machine, with another
# xdist worker beside the live server, a log-out and its redirect took longer than 5 s.
expect.set_options(timeout=20_000)


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: run `make test` (it installs it).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, live_server):
    """A page the size of a cheap Android phone, on the live server, collecting CSP
    violations and JavaScript errors (a journey fails if any appear)."""
    page = open_phone(browser, live_server.url)
    yield page
    try:
        axe.finish(page)
    finally:
        page.context.close()


def open_phone(browser, base_url: str):
    """A fresh browser context (no cookies) the size of a cheap phone; console
    errors and CSP violations are collected in `page.problems`, and every page it
    shows is checked with axe-core (tests/e2e/axe.py; call `axe.finish(page)` before
    closing a page you opened yourself)."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        base_url=base_url,
        locale="es-MX",
        timezone_id="America/Mexico_City",
    )
    page = context.new_page()
    page.problems = []
    page.on("console", lambda msg: msg.type == "error" and page.problems.append(msg.text))
    page.on("pageerror", lambda exc: page.problems.append(str(exc)))
    axe.watch(page)
    return page


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
