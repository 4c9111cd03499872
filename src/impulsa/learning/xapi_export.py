"""Learning events as xAPI statements, for a learning record store or analysis.

Statements are produced one at a time from a server-side cursor, so a course with
millions of events exports in constant memory. They carry no personal data: the
actor is an account id (events.as_xapi), never a name, matrícula or CURP.
"""

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import TextIO

from django.core.serializers.json import DjangoJSONEncoder

from impulsa.learning.events import as_xapi
from impulsa.learning.models import Course, LearningEvent

CHUNK = 2000


def statements_of(events: Iterable[LearningEvent], course_code: str) -> Iterator[dict]:
    for event in events:
        yield as_xapi(event, course_code)


def course_statements(course: Course, *, since: datetime | None = None) -> Iterator[dict]:
    """Every statement of `course` (from `since` on), oldest first."""
    events = LearningEvent.objects.filter(course=course)
    if since is not None:
        events = events.filter(timestamp__gte=since)
    return statements_of(events.order_by("id").iterator(chunk_size=CHUNK), course.code)


def write_jsonl(statements: Iterable[dict], out: TextIO) -> int:
    """Write one JSON statement per line; returns how many were written."""
    written = 0
    for statement in statements:
        out.write(json.dumps(statement, ensure_ascii=False, cls=DjangoJSONEncoder) + "\n")
        written += 1
    return written
