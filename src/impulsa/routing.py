"""WebSocket routes under /ws/; the help desk, proctoring and live dashboards add theirs."""

from impulsa.proctoring.api import websocket_urlpatterns as proctoring_sockets

websocket_urlpatterns: list = [*proctoring_sockets]
