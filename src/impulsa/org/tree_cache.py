"""Facts about the institution tree that nearly every request needs (branding, the
root, custom domains, deactivated nodes), memoized in each process.

The shared cache holds a generation number that every change to an institution bumps
(at once and again on commit). A process re-reads it at most every CHECK_SECONDS and
drops its memo when it moved: a change made through one worker shows on the others
within that time, and a request normally costs no cache round trip at all.
"""

import secrets
import threading
import time

from django.core.cache import cache
from django.db import transaction

CHECK_SECONDS = 1.0
_GENERATION_KEY = "org:tree:generation"

# (generation, checked_at, {key: value}), replaced as a whole so the threads of one
# worker never see a half-cleared memo.
_state: tuple[int | None, float, dict[str, object]] = (None, 0.0, {})
_lock = threading.Lock()


def get(key: str, compute):
    values = _current_values()
    if key not in values:
        values[key] = compute()
    return values[key]


def _current_values() -> dict[str, object]:
    global _state
    generation, checked_at, values = _state
    now = time.monotonic()
    if now - checked_at < CHECK_SECONDS:
        return values
    with _lock:
        shared = _shared_generation()
        if shared != generation:
            values = {}
        _state = (shared, now, values)
    return values


def _shared_generation() -> int:
    generation = cache.get(_GENERATION_KEY)
    if generation is None:
        # A fresh random start (not 1): after the cache is emptied, a process must
        # not mistake its old memo for current.
        cache.add(_GENERATION_KEY, secrets.randbits(48), timeout=None)
        generation = cache.get(_GENERATION_KEY)
    return generation


def invalidate() -> None:
    """Call after any change to an institution (branding, domain, activity, place).

    Bumps now, so this process and this transaction see the change, and again on
    commit, because another worker may have memoized the old rows in between."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    global _state
    try:
        generation = cache.incr(_GENERATION_KEY)
    except ValueError:
        generation = secrets.randbits(48)
        cache.set(_GENERATION_KEY, generation, timeout=None)
    _state = (generation, time.monotonic(), {})


def forget() -> None:
    """Drop this process's memo (tests empty the shared cache between cases)."""
    global _state
    _state = (None, 0.0, {})


def root_institution_id() -> int | None:
    from impulsa.org.models import Institution

    return get(
        "root", lambda: Institution.objects.filter(parent=None).values_list("id", flat=True).first()
    )


def inactive_institution_ids() -> frozenset[int]:
    from impulsa.org.models import Institution

    return get(
        "inactive",
        lambda: frozenset(Institution.objects.filter(is_active=False).values_list("id", flat=True)),
    )
