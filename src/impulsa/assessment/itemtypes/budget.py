"""One time budget for a whole scoring call.

Teachers write short-answer patterns, and a pattern can backtrack catastrophically.
The `regex` library stops one match after a timeout, but a per-match limit alone
multiplies by the number of patterns (and by a cloze's gaps), so every match in
one scoring call draws on one deadline: the call ends within the budget whatever
the item holds.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

SCORING_BUDGET_SECONDS = 0.2

_deadline: ContextVar[float | None] = ContextVar("scoring_deadline", default=None)


@contextmanager
def scoring_budget(seconds: float = SCORING_BUDGET_SECONDS) -> Iterator[None]:
    """Open a budget unless one is already running (a cloze's gaps share the item's)."""
    if _deadline.get() is not None:
        yield
        return
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def remaining() -> float:
    """Seconds left in the running budget (0 when spent; the full budget if none runs)."""
    deadline = _deadline.get()
    if deadline is None:
        return SCORING_BUDGET_SECONDS
    return max(0.0, deadline - time.monotonic())
