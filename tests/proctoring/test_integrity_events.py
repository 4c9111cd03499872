"""Integrity events: the exam page's batches (bounded, rate limited, the attempt's own
student only, while it is open), what the server notices itself (another address,
another device, kept even when the request is refused), and the attempt's timeline
on the proctor's page."""

import json
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_ratelimit.core import _get_window

from impulsa.core.errors import AccessDenied
from impulsa.proctoring.integrity.services import EVENTS_PER_MINUTE
from impulsa.proctoring.models import Attempt, IntegrityEvent, IntegrityKind
from impulsa.proctoring.supervision import services as proctor
from impulsa.proctoring.taking import services
from tests.exam_builders import build_exam, client

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam(world):
    return build_exam(
        world.designer,
        institution=world.national,
        staff=world.alice,
        student=world.student_a1,
        campus=world.campus_a1,
    )


@pytest.fixture
def attempt(world, exam) -> Attempt:
    return services.start_attempt(actor=world.student_a1, session=exam.session, client=client())


def _post(web, attempt, events=None, *, body=None):
    data = body if body is not None else json.dumps({"events": events})
    return web.post(
        reverse("exams:events", args=[attempt.pk]), data, content_type="application/json"
    )


def test_a_batch_is_kept_with_each_event_at_the_moment_it_happened(world, attempt, login):
    Attempt.objects.filter(pk=attempt.pk).update(started_at=timezone.now() - timedelta(minutes=10))
    attempt.refresh_from_db()
    web = login(world.student_a1)
    before = timezone.now()
    response = _post(
        web,
        attempt,
        [
            {"kind": "tab_hidden", "ago_ms": 90_000},
            {"kind": "paste", "ago_ms": 0, "detail": {"length": 42}},
            {"kind": "network_dropped", "ago_ms": 10**11},  # before the attempt: clamped
            {"kind": "network_returned", "detail": {"seconds": 75}},
        ],
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"kept": 4, "dropped": 0}
    events = {e.kind: e for e in IntegrityEvent.objects.filter(attempt=attempt)}
    assert set(events) == {"tab_hidden", "paste", "network_dropped", "network_returned"}
    hidden_at = events["tab_hidden"].at
    assert before - timedelta(seconds=95) < hidden_at < before - timedelta(seconds=85)
    assert events["paste"].detail == {"length": 42}
    assert events["network_dropped"].at == attempt.started_at
    assert events["network_returned"].detail == {"seconds": 75}
    assert events["paste"].ip == "127.0.0.1"


@pytest.mark.parametrize(
    "events",
    [
        [],
        [{"kind": "paste"}] * 51,
        [{"kind": "ip_change"}],  # the server's own notice: a page may not claim it
        [{"kind": "nada"}],
        [{"kind": "paste", "detail": {"text": "respuesta copiada"}}],
        [{"kind": "paste", "detail": {"length": "muchos"}}],
        [{"kind": "paste", "ago_ms": -5}],
        [{"kind": "paste"}, "no es un evento"],
    ],
)
def test_a_bad_batch_is_refused_whole(world, attempt, login, events):
    web = login(world.student_a1)
    response = _post(web, attempt, events)
    assert response.status_code == 400
    assert "no es válido" in response.json()["message"]
    assert not IntegrityEvent.objects.exists()


def test_a_body_over_8_kb_or_not_json_is_refused(world, attempt, login):
    web = login(world.student_a1)
    assert _post(web, attempt, body="x" * (8 * 1024 + 1)).status_code == 413
    assert _post(web, attempt, body="{no es json").status_code == 400
    assert _post(web, attempt, body='["paste"]').status_code == 400
    assert not IntegrityEvent.objects.exists()


def test_at_most_200_events_per_attempt_and_minute_are_kept(world, attempt, login):
    web = login(world.student_a1)
    batch = [{"kind": "focus_lost"}] * 50
    for _ in range(EVENTS_PER_MINUTE // 50):
        assert _post(web, attempt, batch).json() == {"kept": 50, "dropped": 0}
    assert _post(web, attempt, batch).json() == {"kept": 0, "dropped": 50}
    assert IntegrityEvent.objects.count() == EVENTS_PER_MINUTE
    # A minute later there is room again.
    IntegrityEvent.objects.update(received_at=timezone.now() - timedelta(seconds=61))
    assert _post(web, attempt, batch[:3]).json() == {"kept": 3, "dropped": 0}


def test_batches_are_rate_limited_per_student_and_attempt(world, attempt, login, settings):
    settings.INTEGRITY_EVENTS_RATE = "4/h"  # an hour-long window keeps the burst in one
    key = f"{world.student_a1.pk}:{attempt.pk}"
    if _get_window(key, 3600) - time.time() < 10:
        time.sleep(11)
    web = login(world.student_a1)
    for _ in range(4):
        assert _post(web, attempt, [{"kind": "copy"}]).status_code == 200
    assert _post(web, attempt, [{"kind": "copy"}]).status_code == 429
    assert IntegrityEvent.objects.count() == 4


def test_only_the_attempts_student_reports_and_only_while_it_is_open(world, exam, attempt, login):
    other = login(world.student_a2)
    assert _post(other, attempt, [{"kind": "copy"}]).status_code == 404
    proctor_client = login(world.teacher_a1)
    assert _post(proctor_client, attempt, [{"kind": "copy"}]).status_code == 404
    web = login(world.student_a1)
    assert web.get(reverse("exams:events", args=[attempt.pk])).status_code == 405
    services.submit(actor=world.student_a1, attempt_id=attempt.pk, client=client())
    response = _post(web, attempt, [{"kind": "copy"}])
    assert response.status_code == 409 and "ya se entregó" in response.json()["message"]
    assert not IntegrityEvent.objects.exists()


def test_reports_past_the_deadline_are_refused(world, attempt, login):
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    web = login(world.student_a1)
    assert _post(web, attempt, [{"kind": "paste"}]).status_code == 409
    assert not IntegrityEvent.objects.exists()


def test_the_server_notes_another_address_once_per_change(world, exam, attempt):
    item = exam.fixed[0]
    for _ in range(2):
        services.save_answer(
            actor=world.student_a1, attempt_id=attempt.pk, item_version_id=item, response=0,
            client=client(ip="10.9.9.9"),
        )  # fmt: skip
    (event,) = IntegrityEvent.objects.filter(attempt=attempt)
    assert event.kind == IntegrityKind.IP_CHANGE
    assert event.detail == {"from": "10.0.0.5", "to": "10.9.9.9"} and event.ip == "10.9.9.9"
    services.heartbeat(actor=world.student_a1, attempt_id=attempt.pk, client=client(ip="10.0.0.5"))
    assert IntegrityEvent.objects.filter(kind=IntegrityKind.IP_CHANGE).count() == 2


def test_a_refused_device_is_noted_though_the_request_is_rolled_back(world, exam, attempt):
    for _ in range(3):
        with pytest.raises(AccessDenied, match="otro dispositivo"):
            services.heartbeat(
                actor=world.student_a1, attempt_id=attempt.pk, client=client(device="laptop")
            )
    with pytest.raises(AccessDenied):
        services.start_attempt(
            actor=world.student_a1, session=exam.session, client=client(device="laptop")
        )
    (event,) = IntegrityEvent.objects.filter(attempt=attempt)  # repeated knocks: one notice
    assert event.kind == IntegrityKind.NEW_DEVICE
    assert len(event.detail["device"]) == 10 and "laptop" not in json.dumps(event.detail)
    attempt.refresh_from_db()
    assert attempt.device == "phone-one"  # nothing else of the refused request stayed


def test_the_proctor_reads_events_and_notes_in_one_timeline(world, attempt, login):
    IntegrityEvent.objects.create(
        attempt=attempt, kind=IntegrityKind.PASTE, at=timezone.now() - timedelta(minutes=3),
        detail={"length": 12},
    )  # fmt: skip
    proctor.annotate(
        actor=world.teacher_a1, attempt_id=attempt.pk, text="Se le pidió guardar el celular."
    )
    IntegrityEvent.objects.create(
        attempt=attempt, kind=IntegrityKind.TAB_HIDDEN, at=timezone.now() + timedelta(minutes=2)
    )
    page = login(world.teacher_a1).get(reverse("proctor:attempt", args=[attempt.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    pasted = html.index("Pegó")
    noted = html.index("Se le pidió guardar el celular.")
    hidden = html.index("Cambió de pestaña")
    assert pasted < noted < hidden
    assert "12 caracteres" in html
    local = timezone.localtime(attempt.integrity_events.get(kind="paste").at)
    assert local.strftime("%H:%M") in html  # Mexico City time


def test_the_session_page_opens_a_socket_only_where_one_is_served(world, exam, login, settings):
    web = login(world.teacher_a1)
    url = reverse("proctor:session", args=[exam.session.pk])
    html = web.get(url).content.decode()
    assert "data-live-socket" not in html and 'hx-trigger="every 5s"' in html  # the demo
    settings.LIVE_WEBSOCKETS = True
    html = web.get(url).content.decode()
    assert f'data-live-socket="/ws/examenes/sesiones/{exam.session.pk}/"' in html
    assert 'hx-trigger="every 5s"' in html  # the fallback stays on the page
    settings.WEBSOCKET_ORIGIN = "wss://tiempo-real.example.org"
    html = web.get(url).content.decode()
    assert f'"wss://tiempo-real.example.org/ws/examenes/sesiones/{exam.session.pk}/"' in html
