"""WebSocket routes, walked like the HTTP ones (tests/test_access_walk.py): anonymous
users and every role of campus A are refused a connection to any route that names a
victim's object. A route whose keywords the walk cannot fill fails the test."""

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import sync_to_async
from channels.generic.websocket import WebsocketConsumer
from channels.routing import URLRouter
from django.db import connections
from django.urls import URLPattern, URLResolver, path

from impulsa.routing import websocket_urlpatterns
from tests import access_victims
from tests.test_access_walk import WALKERS, _ids, _walker


def _routes(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _fill(route: str, ids: dict) -> str:
    def value(match):
        name = match.group(1)
        assert name in ids, (
            f"WebSocket route {route}: keyword {name!r} unknown to the access walk; give "
            "the victims an object for it in tests/access_victims.py::build_victim"
        )
        return str(ids[name])

    filled = re.sub(r"<(?:\w+:)?(\w+)>", value, route)
    filled = re.sub(r"\(\?P<(\w+)>[^)]*\)", value, filled)
    return "/" + filled.strip("^$").lstrip("/")


def _connect(application, url: str, cookie: str) -> dict:
    """The first thing the application answers to a connection attempt."""

    async def attempt():
        from asgiref.testing import ApplicationCommunicator

        scope = {
            "type": "websocket",
            "path": url,
            "headers": [
                (b"host", b"testserver"),
                (b"origin", b"http://testserver"),
                (b"cookie", cookie.encode()),
            ],
            "query_string": b"",
            "subprotocols": [],
        }
        communicator = ApplicationCommunicator(application, scope)
        await communicator.send_input({"type": "websocket.connect"})
        answer = await communicator.receive_output(5)
        await communicator.wait(1)
        # The consumer's database work ran in asgiref's own thread: close what it left
        # open there, or the next test finds a connection it may not use.
        await sync_to_async(connections.close_all)()
        return answer

    # A thread of its own: the browser tests keep an event loop in the main thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, attempt()).result()


def refused_connections(application, routes, ids, cookie) -> list[str]:
    """Routes naming the victim's ids that accepted the connection."""
    accepted = []
    for route in routes:
        url = _fill(route, ids)
        if _connect(application, url, cookie)["type"] != "websocket.close":
            accepted.append(url)
    return accepted


class _Leaky(WebsocketConsumer):
    def connect(self):
        self.accept()


def test_the_walk_reports_a_route_that_accepts_a_victims_id():
    router = URLRouter([path("ws/cursos/<int:course_id>/", _Leaky.as_asgi())])
    routes = ["ws/cursos/<int:course_id>/"]
    assert refused_connections(router, routes, {"course_id": 41}, "") == ["/ws/cursos/41/"]
    with pytest.raises(AssertionError, match="unknown to the access walk"):
        refused_connections(router, ["ws/x/<int:nada_id>/"], {}, "")


@pytest.mark.django_db(transaction=True)
def test_no_role_of_campus_a_opens_a_websocket_naming_another_campus(client, world):
    from impulsa.asgi import application
    from tests.conftest import verified_client

    routes = list(_routes(websocket_urlpatterns))
    if not routes:
        pytest.skip("no WebSocket routes yet")
    sibling = access_victims.build_victim(world, world.campus_a2, world.bob, label="s", seed=8)
    other = access_victims.build_victim(world, world.campus_b1, world.charlie, label="b", seed=7)
    for victim in (sibling, other):
        assert refused_connections(application, routes, _ids(world, victim), "") == []
    for level, role in WALKERS:
        client.logout()
        verified_client(client, _walker(world, level, role))
        cookie = f"sessionid={client.cookies['sessionid'].value}"
        for victim in (other,) if level == "state" else (sibling, other):
            accepted = refused_connections(application, routes, _ids(world, victim), cookie)
            assert accepted == [], f"{level} {role} opened {accepted}"
