"""The current request's id, for logs and the response header (a context variable:
each thread or task sees its own)."""

import re
import uuid
from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("request_id", default="-")
# nginx's $request_id is 32 hex digits; a client-sent id is kept only if it looks like
# one, so nobody writes arbitrary text (or personal data) into our logs through it.
_VALID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def from_header(value: str | None) -> str:
    return value if value and _VALID.match(value) else uuid.uuid4().hex
