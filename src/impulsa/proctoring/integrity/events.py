"""What an exam page may report, read and bounded before anything is written: a batch
is a JSON body of at most 8 KB with at most 50 events; each event names a kind the
browser can see, how long ago it happened (so events kept while offline land at the
right moment on the server's clock), and a small detail of numbers only (at most
2 KB). A batch with one bad event is refused whole."""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from impulsa.core.errors import DomainError
from impulsa.proctoring.models import IntegrityKind

MAX_BODY_BYTES = 8 * 1024
MAX_BATCH = 50
MAX_DETAIL_BYTES = 2 * 1024
# Events older than this (a phone left offline overnight) are placed at the start.
MAX_AGO_SECONDS = 24 * 3600

# The server notices IP changes and other devices itself; a page may not claim them.
BROWSER_KINDS = frozenset(
    {
        IntegrityKind.FOCUS_LOST,
        IntegrityKind.TAB_HIDDEN,
        IntegrityKind.COPY,
        IntegrityKind.PASTE,
        IntegrityKind.FULLSCREEN_EXIT,
        IntegrityKind.NETWORK_DROPPED,
        IntegrityKind.NETWORK_RETURNED,
    }
)
# What a detail may say: how long (seconds away, seconds offline) and how much (the
# length of what was copied or pasted; never the text itself).
DETAIL_KEYS = frozenset({"seconds", "length"})


@dataclass(frozen=True)
class Reported:
    kind: str
    ago_seconds: float
    detail: dict

    def moment(self, now: datetime, earliest: datetime) -> datetime:
        return max(earliest, now - timedelta(seconds=self.ago_seconds))


def _bad() -> DomainError:
    return DomainError(_("El reporte de eventos no es válido."))


def _number(value, top) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= top:
        raise _bad()
    return value


def _detail(raw) -> dict:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not set(raw) <= DETAIL_KEYS:
        raise _bad()
    detail = {key: int(_number(value, 10**9)) for key, value in raw.items()}
    if len(json.dumps(detail)) > MAX_DETAIL_BYTES:
        raise _bad()
    return detail


def _event(raw) -> Reported:
    if not isinstance(raw, dict) or raw.get("kind") not in BROWSER_KINDS:
        raise _bad()
    ago_ms = _number(raw.get("ago_ms", 0), 10**12)
    return Reported(
        kind=raw["kind"],
        ago_seconds=min(ago_ms / 1000, MAX_AGO_SECONDS),
        detail=_detail(raw.get("detail")),
    )


def parse_batch(body: bytes) -> list[Reported]:
    """The events of one request body, or DomainError (nothing is kept then)."""
    if len(body) > MAX_BODY_BYTES:
        raise DomainError(_("El reporte de eventos es demasiado grande."))
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _bad() from None
    events = data.get("events") if isinstance(data, dict) else None
    if not isinstance(events, list) or not 1 <= len(events) <= MAX_BATCH:
        raise _bad()
    return [_event(raw) for raw in events]
