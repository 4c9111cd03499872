"""The ASGI process (WebSockets through Channels) starts, answers, and its channel
layer carries messages (through Redis when REDIS_URL is set, as in CI)."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.testing import ApplicationCommunicator
from channels.layers import get_channel_layer

from impulsa.asgi import application


def run(coroutine_function):
    """Run in a thread of its own: the browser tests keep an event loop running in the
    main thread, where asyncio.run and async_to_sync would refuse to start."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine_function()).result()


def _http_get(path: str) -> dict:
    async def call():
        scope = {
            "type": "http",
            "method": "GET",
            "path": path,
            "headers": [(b"host", b"testserver")],
            "query_string": b"",
            "server": ("testserver", 80),
            "client": ("127.0.0.1", 5000),
            "scheme": "http",
        }
        communicator = ApplicationCommunicator(application, scope)
        await communicator.send_input({"type": "http.request", "body": b""})
        start = await communicator.receive_output(5)
        body = await communicator.receive_output(5)
        return {"status": start["status"], "body": body["body"]}

    return run(call)


def test_the_asgi_application_answers_http():
    response = _http_get("/healthz")
    assert response == {"status": 200, "body": b"ok"}


def test_the_channel_layer_carries_a_message():
    async def round_trip():
        layer = get_channel_layer()
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "aviso", "texto": "hola"})
        return await layer.receive(channel)

    assert run(round_trip) == {"type": "aviso", "texto": "hola"}


def test_a_websocket_to_an_unknown_path_is_refused(db):
    async def connect():
        scope = {
            "type": "websocket",
            "path": "/ws/nada/",
            "headers": [(b"host", b"testserver"), (b"origin", b"http://testserver")],
            "query_string": b"",
            "subprotocols": [],
        }
        communicator = ApplicationCommunicator(application, scope)
        await communicator.send_input({"type": "websocket.connect"})
        return await communicator.receive_output(5)

    with pytest.raises(ValueError, match="No route found"):
        run(connect)
