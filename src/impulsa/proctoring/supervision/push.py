"""Telling the proctors watching a session that one of its attempts changed.

Services call `attempt_changed()` inside their transaction; the message leaves only
once the change is committed (so a proctor never sees a row that was rolled back),
and a channel layer that is down costs the live view an update, never the student's
save (`robust`: the error is logged, the request goes on). The message names the
attempt only: each proctor's connection renders the row itself, through the access
rule (supervision/consumers.py)."""

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

MESSAGE_TYPE = "attempt.changed"


def group_name(session_id: int) -> str:
    return f"exam-session-{session_id}"


def _send(session_id: int, attempt_id: int) -> None:
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(
            group_name(session_id), {"type": MESSAGE_TYPE, "attempt": attempt_id}
        )


def attempt_changed(attempt) -> None:
    if attempt.session_id is None:
        return
    session_id, attempt_id = attempt.session_id, attempt.pk
    transaction.on_commit(lambda: _send(session_id, attempt_id), robust=True)
