"""Who is told when answers' grades change (an essay graded, answers regraded after an
item fix). Apps above assessment register a callback through
`assessment.api.on_answers_changed`; proctoring's recomputes the attempts' scores.

A callback receives a list of `AnswerChange` (enrollment id, activity key, attempt),
one per attempt touched, and runs inside the transaction that changed the answers:
what it writes commits or rolls back with them, and an exception it raises undoes
the grading.
"""

import uuid
from collections.abc import Callable
from typing import NamedTuple


class AnswerChange(NamedTuple):
    enrollment_id: int
    activity_key: uuid.UUID
    attempt: int


Listener = Callable[[list[AnswerChange]], None]

_listeners: list[Listener] = []


def on_answers_changed(callback: Listener) -> Listener:
    """Register `callback` (once; registering it again changes nothing). Returns it,
    so it can be used as a decorator."""
    if callback not in _listeners:
        _listeners.append(callback)
    return callback


def forget(callback: Listener) -> None:
    """Unregister `callback` (tests register their own and remove it afterwards)."""
    if callback in _listeners:
        _listeners.remove(callback)


def notify(changes) -> None:
    """Tell every listener, in registration order; each attempt appears once."""
    unique = list(dict.fromkeys(AnswerChange(*change) for change in changes))
    if not unique:
        return
    for callback in list(_listeners):
        callback(unique)
