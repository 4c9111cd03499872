"""The live view of a session over a WebSocket (ws/examenes/sesiones/<id>/).

A connection passes the same gates as a page: signed in, TOTP where the role needs it
(accounts' rule), and the access rule (PROCTOR_EXAMS at the session's campus); any
other is closed before it is accepted. Services announce changed attempts
(supervision/push.py); the consumer gathers the announcements of a short moment and
sends the rows rendered for its own proctor, so a burst of saves costs one render.
The page asks for the whole table now and then ("refresh"), which also checks again
that the proctor still may watch (a role removed closes the socket)."""

import asyncio
import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.template.loader import render_to_string
from django.utils import timezone

from impulsa.accounts.api import User, admits_connection
from impulsa.proctoring.supervision import selectors
from impulsa.proctoring.supervision.push import group_name, watching

GATHER_SECONDS = 0.5
FORBIDDEN = 4403  # the close code the page reads as "do not retry"


class SessionLiveConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        self.session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        self.pending: set[int] = set()
        self.flushing = None
        self.group = None
        if not await self._admitted():
            await self.close(code=FORBIDDEN)
            return
        self.group = group_name(self.session_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)
        if self.flushing:
            self.flushing.cancel()

    @database_sync_to_async
    def _admitted(self) -> bool:
        user = self.scope.get("user")
        if not admits_connection(user, self.scope.get("session")):
            return False
        if selectors.session(user, self.session_id) is None:
            return False
        watching(self.session_id)
        return True

    async def receive(self, text_data=None, bytes_data=None):
        try:
            message = json.loads(text_data) if text_data and len(text_data) < 200 else {}
        except ValueError:
            message = {}
        if isinstance(message, dict) and message.get("type") == "refresh":
            table = await self._table()
            if table is None:
                await self.close(code=FORBIDDEN)
                return
            await self.send(json.dumps({"table": table}))

    async def attempt_changed(self, message):
        self.pending.add(int(message["attempt"]))
        if self.flushing is None:
            self.flushing = asyncio.ensure_future(self._flush_soon())

    async def _flush_soon(self):
        await asyncio.sleep(GATHER_SECONDS)
        ids, self.pending, self.flushing = sorted(self.pending), set(), None
        rows = await self._rows(ids)
        if rows:
            await self.send(json.dumps({"rows": rows}))

    @database_sync_to_async
    def _rows(self, ids) -> list[dict]:
        session = selectors.session(self.scope["user"], self.session_id)
        if session is None:
            return []
        rows = selectors.live_rows(session, only=ids)
        return [
            {"id": row["attempt"].pk, "html": render_to_string(_ROW, {"row": row})} for row in rows
        ]

    @database_sync_to_async
    def _table(self) -> str | None:
        """The whole table, for a fresh copy of the proctor (roles read anew)."""
        user = User.objects.filter(pk=self.scope["user"].pk, is_active=True).first()
        session = selectors.session(user, self.session_id) if user else None
        if session is None:
            return None
        watching(self.session_id)
        context = {"session": session, "rows": selectors.live_rows(session), "now": timezone.now()}
        return render_to_string(_TABLE, context)


_ROW = "proctoring/supervision/live_row.html"
_TABLE = "proctoring/supervision/live_rows.html"
