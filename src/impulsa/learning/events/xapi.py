"""Learning events as xAPI 1.0.3 statements, for a learning record store or analysis.

Statements are produced one at a time from a server-side cursor, so a course with
millions of events exports in constant memory. They carry no personal data: the
actor is an account id, never a name, matrícula or CURP.
tests/learning/xapi_statement.schema.json holds the parts of the specification we
emit, and every kind of statement is validated against it.
"""

import json
import uuid
from collections.abc import Iterable, Iterator
from datetime import datetime
from decimal import Decimal
from typing import TextIO

from django.core.serializers.json import DjangoJSONEncoder

from impulsa.learning.events.services import MAX_SECONDS_PER_BEAT
from impulsa.learning.models import Course, LearningEvent, Verb

CHUNK = 2000
ADL = "http://adlnet.gov/expapi/verbs/"
VERB_IRIS = {
    Verb.EXPERIENCED: ADL + "experienced",
    Verb.ANSWERED: ADL + "answered",
    Verb.COMPLETED: ADL + "completed",
    Verb.ENROLLED: ADL + "registered",
    # No ADL verb says these; URNs are valid IRIs and name no made-up domain.
    Verb.REQUESTED_HINT: "urn:impulsa:verb:requested-hint",
    Verb.SPENT_TIME: "urn:impulsa:verb:spent-time",
}
_STATEMENT_NAMESPACE = uuid.UUID("6f1e9d1a-6a51-4c55-9a4b-2b1a3c7c0d11")
# xAPI's registration is what we call an enrollment: a student who enrolls again
# in a course starts a new one, so statements of each attempt stay apart.
_REGISTRATION_NAMESPACE = uuid.uuid5(_STATEMENT_NAMESPACE, "registration")


def _duration(seconds) -> str:
    """ISO 8601 duration of a time beat, capped as progress caps it (services.py)."""
    return f"PT{max(0, min(int(seconds), MAX_SECONDS_PER_BEAT))}S"


def _response(value) -> str:
    """xAPI wants a string; ours are strings, lists (choices, order) and objects
    (matching pairs), so the string is their JSON, never a Python repr."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), cls=DjangoJSONEncoder)


def _result(event: LearningEvent) -> dict:
    result = {}
    if "score" in event.result:
        result["score"] = {"scaled": float(Decimal(str(event.result["score"])))}
    if "success" in event.result:
        result["success"] = bool(event.result["success"])
    if event.verb == Verb.COMPLETED:
        result["completion"] = True
    if "seconds" in event.result:
        result["duration"] = _duration(event.result["seconds"])
    if "response" in event.result:
        result["response"] = _response(event.result["response"])
    return result


def _object_iri(event: LearningEvent) -> str:
    # Item events name their object "item:<key>"; the IRI says "item" once.
    local = event.object_id.removeprefix(f"{event.object_type}:")
    return f"urn:impulsa:{event.object_type}:{local}"


def as_xapi(event: LearningEvent, course_code: str) -> dict:
    """An xAPI statement for `event` (course_code names the parent activity)."""
    statement = {
        "id": str(uuid.uuid5(_STATEMENT_NAMESPACE, str(event.pk))),
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": "urn:impulsa:accounts", "name": str(event.actor_id)},
        },
        "verb": {"id": VERB_IRIS[event.verb], "display": {"es-MX": str(Verb(event.verb).label)}},
        "object": {
            "objectType": "Activity",
            "id": _object_iri(event),
        },
        "context": {
            "registration": str(uuid.uuid5(_REGISTRATION_NAMESPACE, str(event.enrollment_id))),
            "contextActivities": {
                "parent": [{"objectType": "Activity", "id": f"urn:impulsa:course:{course_code}"}],
            },
            "extensions": {
                "urn:impulsa:ext:course-version": event.version_number,
                **({"urn:impulsa:ext:context": event.context} if event.context else {}),
            },
        },
        "timestamp": event.timestamp.isoformat(),
    }
    result = _result(event)
    if result:
        statement["result"] = result
    return statement


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
