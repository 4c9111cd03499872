"""Integrity on a phone: the student switches tab, pastes and loses the network for a
moment during an exam; the
proctor's session page, live over a WebSocket (a Daphne process serving the ASGI
application), shows the flags without a reload; the attempt's timeline lists them
and the PDF and XLSX reports download and list them too."""

import copy
import re
from io import BytesIO
from pathlib import Path

import pytest
from daphne.testing import DaphneProcess
from django.db import connections
from openpyxl import load_workbook
from playwright.sync_api import expect

from impulsa.org.roles import Role
from tests.e2e import axe
from tests.e2e import learning_steps as steps
from tests.e2e.conftest import screenshot
from tests.exam_builders import build_exam
from tests.factories import MembershipFactory, UserFactory
from tests.proctoring.test_integrity_reports import _pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STARTUP_SECONDS = 60


def _application():
    from impulsa.asgi import application

    return application


def _fresh_worker_thread():
    """In the forked server: a thread of its own for the consumers' database work. The
    executor copied from this process names a thread that did not survive the fork
    (an earlier test may have started it), and work sent to it would never run."""
    from concurrent.futures import ThreadPoolExecutor

    from asgiref.sync import SyncToAsync

    SyncToAsync.single_thread_executor = ThreadPoolExecutor(max_workers=1)


@pytest.fixture
def sockets(settings, live_server):
    """An ASGI process for /ws/ beside the live server, as nginx puts one beside the
    WSGI workers; it reads sessions and the channel layer from Redis, as in production."""
    if not settings.REDIS_URL:
        pytest.fail("The live view's journey needs Redis (REDIS_URL): sessions and channels.")
    connections.close_all()  # the forked process must not share this process's connection
    server = DaphneProcess("127.0.0.1", _application, setup=_fresh_worker_thread)
    server.start()
    try:
        assert server.ready.wait(STARTUP_SECONDS), "the ASGI server did not start"
        origin = f"ws://localhost:{server.port.value}"
        settings.LIVE_WEBSOCKETS = True
        settings.WEBSOCKET_ORIGIN = origin
        policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
        policy["DIRECTIVES"]["connect-src"] = [*policy["DIRECTIVES"]["connect-src"], origin]
        settings.CONTENT_SECURITY_POLICY = policy
        yield origin
    finally:
        server.terminate()
        server.join(20)


def _hide_tab(page) -> None:
    page.evaluate(
        """() => {
          Object.defineProperty(document, "visibilityState", {value: "hidden", configurable: true});
          document.dispatchEvent(new Event("visibilitychange"));
          Object.defineProperty(document, "visibilityState", {value: "visible", configurable: true});
          document.dispatchEvent(new Event("visibilitychange"));
        }"""
    )


def _paste(page, text: str) -> None:
    page.evaluate(
        """(text) => {
          const data = new DataTransfer();
          data.setData("text/plain", text);
          const field = document.querySelector("[data-exam-page] input[type=text], [data-exam-page] textarea")
            || document.body;
          field.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true}));
        }""",
        text,
    )


def test_the_proctor_sees_a_tab_switch_and_a_paste_live_and_in_the_reports(
    sockets, phone, browser, live_server, world
):
    build_exam(
        world.designer, institution=world.national, staff=world.alice,
        student=world.student_a1, campus=world.campus_a1,
    )  # fmt: skip
    watcher = UserFactory(username="supervisora", first_name="Elena", last_name="Ruiz")
    MembershipFactory(user=watcher, institution=world.campus_a1, role=Role.PROCTOR)
    proctor = steps.open_phone(browser, live_server.url)
    polls = []
    proctor.on("request", lambda r: "/en-vivo/" in r.url and polls.append(r.url))
    try:
        steps.sign_in(proctor, watcher)
        proctor.get_by_role("link", name="Parcial 1").click()
        expect(proctor.locator("[data-live-state]")).to_have_text("Actualización al instante.")
        live = proctor.locator("#live")
        expect(live).to_contain_text("Nadie ha comenzado todavía.")
        proctor.evaluate("() => { window.sinRecargar = true; }")

        steps.sign_in(phone, world.student_a1)
        phone.get_by_role("link", name="Parcial 1").click()
        phone.get_by_role("button", name="Comenzar").click()
        expect(phone.get_by_role("button", name="Entregar examen")).to_be_visible()
        phone.wait_for_load_state("load")
        axe.wait_until_checked(phone)
        name = world.student_a1.get_full_name()
        expect(live).to_contain_text(name)  # the attempt started: pushed, not polled

        _hide_tab(phone)
        _paste(phone, "respuesta copiada")
        flags = live.locator("[data-flags]")
        expect(flags).to_contain_text("Cambió de pestaña ×1")
        expect(flags).to_contain_text("Pegó ×1")
        phone.context.set_offline(True)
        phone.wait_for_timeout(1500)
        phone.context.set_offline(False)  # both reported once the page is back
        expect(flags).to_contain_text("Perdió la conexión ×1")
        expect(flags).to_contain_text("Recuperó la conexión ×1")
        assert proctor.evaluate("() => window.sinRecargar === true")  # no reload
        assert polls == []  # the socket was open: HTMX's polling stood still
        screenshot(proctor, "proctor-live-flags")

        proctor.get_by_role("link", name=name).click()
        timeline = proctor.locator("[data-timeline]")
        expect(timeline).to_contain_text("Cambió de pestaña")
        expect(timeline).to_contain_text("Pegó: 17 caracteres")
        expect(timeline).to_contain_text(re.compile(r"Recuperó la conexión: \d+ s"))
        screenshot(proctor, "proctor-attempt-timeline")

        with proctor.expect_download() as pdf_download:
            proctor.get_by_role("link", name="Reporte de integridad (PDF)").click()
        pdf = pdf_download.value
        assert pdf.suggested_filename.endswith(".pdf")
        text = _pdf_text(Path(pdf.path()).read_bytes())
        assert "Cambi\xf3 de pesta\xf1a" in text and "Peg\xf3" in text and name in text

        with proctor.expect_download() as xlsx_download:
            proctor.get_by_role("link", name="Reporte de integridad (XLSX)").click()
        xlsx = xlsx_download.value
        assert xlsx.suggested_filename.endswith(".xlsx")
        sheet = load_workbook(BytesIO(Path(xlsx.path()).read_bytes())).active
        cells = {c for row in sheet.iter_rows(values_only=True) for c in row}
        assert {"Cambió de pestaña", "Pegó", name} <= cells
        # The page is measured at rest: not under the pointer, nothing mid-transition.
        proctor.mouse.move(0, 0)
        proctor.evaluate("() => document.activeElement && document.activeElement.blur()")
        proctor.wait_for_timeout(400)
        axe.finish(proctor)
    finally:
        proctor.context.close()
    assert re.search(r"/examenes/intento/\d+/", phone.url)
