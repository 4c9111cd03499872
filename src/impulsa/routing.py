"""WebSocket routes under /ws/; the help desk, proctoring and live dashboards add theirs."""

websocket_urlpatterns: list = []
