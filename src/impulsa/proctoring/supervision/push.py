"""Telling the proctors watching a session that one of its attempts changed.

Services call `attempt_changed()` inside their transaction; the message leaves only
once the change is committed (so a proctor never sees a row that was rolled back),
and a channel layer that is down costs the live view an update, never the student's
save (`robust`: the error is logged, the request goes on). The message names the
attempt only: each proctor's connection renders the row itself, through the access
rule (supervision/consumers.py). Nobody watching a session (the usual case during
a burst of starts and saves): nothing is sent, one cache read decides it; where pages
open no sockets (LIVE_WEBSOCKETS off, the demo) not even that."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

MESSAGE_TYPE = "attempt.changed"
# A watching page renews its mark every 30 s (live.js asks for the table); a mark
# outlives a missed renewal or two, then lapses with the last page closed.
WATCH_SECONDS = 90


def _watch_key(session_id: int) -> str:
    return f"proctoring:watched:{session_id}"


def watching(session_id: int) -> None:
    """A proctor's page is connected to the session's live view (consumers call it)."""
    cache.set(_watch_key(session_id), 1, timeout=WATCH_SECONDS)


def group_name(session_id: int) -> str:
    return f"exam-session-{session_id}"


def _send(session_id: int, attempt_id: int) -> None:
    if not cache.get(_watch_key(session_id)):
        return
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(
            group_name(session_id), {"type": MESSAGE_TYPE, "attempt": attempt_id}
        )


def attempt_changed(attempt) -> None:
    if attempt.session_id is None or not settings.LIVE_WEBSOCKETS:
        return
    session_id, attempt_id = attempt.session_id, attempt.pk
    transaction.on_commit(lambda: _send(session_id, attempt_id), robust=True)
