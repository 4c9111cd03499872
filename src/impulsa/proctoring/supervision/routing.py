from django.urls import path

from impulsa.proctoring.supervision.consumers import SessionLiveConsumer

websocket_urlpatterns = [
    path("ws/examenes/sesiones/<int:session_id>/", SessionLiveConsumer.as_asgi()),
]
