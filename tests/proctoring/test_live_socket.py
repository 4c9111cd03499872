"""The session's live view over a WebSocket: the same sign-in gates and access rule
as the pages (anonymous, a campus admin without TOTP, proctors of a sibling campus
and of another state are refused), and rows pushed when an attempt changes."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections

from impulsa.org.roles import Role
from impulsa.proctoring.integrity.events import Reported
from impulsa.proctoring.integrity.services import record_batch
from impulsa.proctoring.supervision import services as proctor
from impulsa.proctoring.taking import services
from tests.conftest import verified_client
from tests.exam_builders import build_exam, client
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _sockets_on(settings):
    settings.LIVE_WEBSOCKETS = True  # as in production: pages open sockets, services push


@pytest.fixture
def exam(world):
    return build_exam(
        world.designer,
        institution=world.national,
        staff=world.alice,
        student=world.student_a1,
        campus=world.campus_a1,
    )


def _proctor(username, campus):
    user = UserFactory(username=username)
    MembershipFactory(user=user, institution=campus, role=Role.PROCTOR)
    return user


def _cookie(web) -> str:
    return f"sessionid={web.cookies['sessionid'].value}" if "sessionid" in web.cookies else ""


def _run(scenario):
    """Run an async scenario in a thread of its own (as the browser tests keep an event
    loop in the main one), closing the connections the consumer opened there."""

    async def wrapped():
        try:
            return await scenario()
        finally:
            await sync_to_async(connections.close_all)()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, wrapped()).result()


def _communicator(session_id, cookie):
    from impulsa.asgi import application

    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    return WebsocketCommunicator(application, f"/ws/examenes/sesiones/{session_id}/", headers)


def _connects(session_id, cookie) -> bool:
    async def scenario():
        communicator = _communicator(session_id, cookie)
        connected, _code = await communicator.connect(timeout=5)
        await communicator.disconnect()
        return connected

    return _run(scenario)


def test_only_a_signed_in_proctor_of_the_sessions_campus_connects(world, exam, client):
    session_id = exam.session.pk
    assert not _connects(session_id, "")  # anonymous

    # A campus admin who typed the password but not the TOTP code yet.
    response = client.post("/cuenta/entrar/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert not _connects(session_id, _cookie(client))
    client.logout()

    for outsider in (
        _proctor("vigila_a2", world.campus_a2),
        _proctor("vigila_b1", world.campus_b1),
    ):
        verified_client(client, outsider)
        assert not _connects(session_id, _cookie(client)), outsider.username
        client.logout()

    verified_client(client, world.alice)
    assert _connects(session_id, _cookie(client))
    client.logout()
    verified_client(client, _proctor("vigila_a1", world.campus_a1))
    assert _connects(session_id, _cookie(client))


def test_the_proctor_receives_rows_when_attempts_change(world, exam, client):
    verified_client(client, _proctor("vigila_a1", world.campus_a1))
    cookie = _cookie(client)
    student = world.student_a1
    attempt = services.start_attempt(actor=student, session=exam.session, client=client_of())

    async def scenario():
        communicator = _communicator(exam.session.pk, cookie)
        connected, _code = await communicator.connect(timeout=5)
        assert connected
        await sync_to_async(services.save_answer)(
            actor=student, attempt_id=attempt.pk, item_version_id=exam.fixed[0], response=0,
            client=client_of(),
        )  # fmt: skip
        saved = json.loads(await communicator.receive_from(timeout=10))
        await sync_to_async(record_batch)(
            actor=student, attempt_id=attempt.pk, ip="10.0.0.5",
            events=[Reported("paste", 0, {"length": 3}), Reported("tab_hidden", 0, {})],
        )  # fmt: skip
        flagged = json.loads(await communicator.receive_from(timeout=10))
        await sync_to_async(proctor.pause)(actor=world.teacher_a1, attempt_id=attempt.pk)
        paused = json.loads(await communicator.receive_from(timeout=10))
        await communicator.send_to(text_data=json.dumps({"type": "refresh"}))
        table = json.loads(await communicator.receive_from(timeout=10))
        await communicator.send_to(text_data="{no es json")  # ignored, not a crash
        await communicator.send_to(text_data=json.dumps({"type": "refresh"}))
        again = json.loads(await communicator.receive_from(timeout=10))
        await communicator.disconnect()
        return saved, flagged, paused, table, again

    saved, flagged, paused, table, again = _run(scenario)
    (row,) = saved["rows"]
    assert row["id"] == attempt.pk and "1 de 4" in row["html"] and "Conectado" in row["html"]
    assert 'data-flag="paste"' in flagged["rows"][0]["html"]
    assert "Pegó ×1" in flagged["rows"][0]["html"]
    assert "Cambió de pestaña ×1" in flagged["rows"][0]["html"]
    assert "en pausa" in paused["rows"][0]["html"]
    assert f'id="attempt-row-{attempt.pk}"' in table["table"]
    assert again == table


def test_a_proctor_whose_role_is_removed_is_disconnected_at_the_next_refresh(world, exam, client):
    watcher = _proctor("vigila_a1", world.campus_a1)
    verified_client(client, watcher)
    cookie = _cookie(client)

    async def scenario():
        communicator = _communicator(exam.session.pk, cookie)
        connected, _code = await communicator.connect(timeout=5)
        assert connected
        from impulsa.org.models import Membership

        await sync_to_async(Membership.objects.filter(user=watcher).delete)()
        await communicator.send_to(text_data=json.dumps({"type": "refresh"}))
        closed = await communicator.receive_output(timeout=10)
        await communicator.wait(1)
        return closed

    closed = _run(scenario)
    assert closed["type"] == "websocket.close" and closed["code"] == 4403


def client_of():
    return client()


def test_changes_are_announced_only_while_someone_watches_the_session(world, exam):
    from channels.layers import get_channel_layer

    from impulsa.proctoring.supervision.push import group_name, watching

    student = world.student_a1
    attempt = services.start_attempt(actor=student, session=exam.session, client=client_of())

    def save(response):
        services.save_answer(
            actor=student, attempt_id=attempt.pk, item_version_id=exam.fixed[0],
            response=response, client=client_of(),
        )  # fmt: skip

    async def scenario():
        layer = get_channel_layer()
        channel = await layer.new_channel()
        await layer.group_add(group_name(exam.session.pk), channel)
        await sync_to_async(save)(0)  # nobody's page is connected: nothing sent
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(layer.receive(channel), timeout=1.5)
        await sync_to_async(watching)(exam.session.pk)
        await sync_to_async(save)(1)
        message = await asyncio.wait_for(layer.receive(channel), timeout=5)
        await layer.group_discard(group_name(exam.session.pk), channel)
        return message

    assert _run(scenario) == {"type": "attempt.changed", "attempt": attempt.pk}
