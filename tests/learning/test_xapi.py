"""Exporting a course's learning events as xAPI statements in JSON Lines."""

import datetime
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from impulsa.assessment.answering import services as answering
from impulsa.assessment.models import ItemVersion
from impulsa.learning.enrollment import services as enrollments
from impulsa.learning.events import services as events
from impulsa.learning.events.xapi import as_xapi, course_statements
from impulsa.learning.models import LearningEvent, PublishedActivity, Verb
from impulsa.learning.player import services as studying
from tests import quiz_steps
from tests.learning_builders import build_course, enroll


@pytest.fixture
def built(world):
    return build_course(world.designer, institution=world.national, name="Exportable")


def _lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def _complete(enrollment, activity, score="1"):
    return events.record(
        enrollment=enrollment,
        verb=Verb.COMPLETED,
        object_type="activity",
        object_id=activity.key,
        activity_key=activity.key,
        result={"score": score},
    )


def test_export_writes_one_statement_per_event_of_the_course_only(world, built, tmp_path):
    first = enroll(world.alice, world.student_a1, built.course)
    enroll(world.bob, world.student_a2, built.course)
    _complete(first, built.quiz, "0.5")
    other = build_course(world.designer, institution=world.national, name="Otro").course
    enroll(world.alice, world.student_a1, other)
    out = tmp_path / "curso.jsonl"
    call_command("export_xapi", built.course.code, "--output", str(out))
    statements = _lines(out.read_text(encoding="utf-8"))
    assert len(statements) == 3
    parents = {s["context"]["contextActivities"]["parent"][0]["id"] for s in statements}
    assert parents == {f"urn:impulsa:course:{built.course.code}"}
    assert statements[-1]["result"]["score"] == {"scaled": 0.5}
    ids = [s["id"] for s in statements]
    assert len(set(ids)) == 3


def test_export_to_stdout_is_pure_json_lines(world, built, capsys):
    enroll(world.alice, world.student_a1, built.course)
    call_command("export_xapi", built.course.code)
    captured = capsys.readouterr()
    assert [s["verb"]["id"] for s in _lines(captured.out)] == [
        "http://adlnet.gov/expapi/verbs/registered"
    ]
    assert "1 declaraciones exportadas" in captured.err


def test_export_carries_no_personal_data(world, built, capsys):
    enrollment = enroll(world.alice, world.student_a1, built.course)
    _complete(enrollment, built.content)
    call_command("export_xapi", built.course.code)
    text = capsys.readouterr().out
    student = world.student_a1
    for personal in (student.get_full_name(), student.username, student.email, student.curp):
        assert personal not in text
    actors = {s["actor"]["account"]["name"] for s in _lines(text)}
    assert actors == {str(world.alice.pk), str(student.pk)}


def test_export_since_a_date_leaves_older_events_out(world, built, capsys):
    enrollment = enroll(world.alice, world.student_a1, built.course)
    LearningEvent.objects.create(
        timestamp=timezone.now() - datetime.timedelta(days=40),
        actor=world.student_a1,
        verb=Verb.EXPERIENCED,
        object_type="activity",
        object_id=str(built.content.key),
        enrollment=enrollment,
        course=built.course,
        version_number=1,
        campus=world.campus_a1,
        activity_key=built.content.key,
    )
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    call_command("export_xapi", built.course.code, "--since", since)
    verbs = [s["verb"]["id"].rsplit("/", 1)[-1] for s in _lines(capsys.readouterr().out)]
    assert verbs == ["registered"]


def test_statements_are_streamed_not_loaded_at_once(world, built):
    enroll(world.alice, world.student_a1, built.course)
    statements = course_statements(built.course)
    assert isinstance(statements, Iterator)
    assert next(statements)["verb"]["id"].endswith("registered")


def test_unknown_course_or_bad_date_is_an_error(world, built):
    with pytest.raises(CommandError, match="No existe un curso"):
        call_command("export_xapi", "no-existe")
    with pytest.raises(CommandError, match="no es una fecha"):
        call_command("export_xapi", built.course.code, "--since", "ayer")


# --- Statements against the xAPI 1.0.3 schema --------------------------------------------

SCHEMA = json.loads((Path(__file__).parent / "xapi_statement.schema.json").read_text())
VALIDATOR = Draft202012Validator(SCHEMA)

# What a student types or picks, by item type (as the answering service keeps it).
RESPONSES = {
    "single_choice": 0,
    "multiple_choice": [0, 1],
    "true_false": True,
    "numeric": "12",
    "short_answer": "Producto «exacto»",
    "ordering": [0, 1, 2, 3],
    "matching": [0, None],
    "cloze": ["5", "veinte"],
}


def _errors(statement: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in VALIDATOR.iter_errors(statement)
    ]


def _a_whole_study_session(world, built):
    """Every kind of event the platform records, through the services that record them."""
    enrollment = enroll(world.alice, world.student_a1, built.course)
    student, version = world.student_a1, enrollment.version
    content = PublishedActivity.objects.get(version=version, key=built.content.key)
    practice = PublishedActivity.objects.get(version=version, key=built.practice.key)
    quiz = PublishedActivity.objects.get(version=version, key=built.quiz.key)
    studying.opened(enrollment=enrollment, activity=content)
    studying.spent(enrollment=enrollment, activity=content, seconds=5000)
    studying.finished_reading(enrollment=enrollment, activity=content)
    versions = ItemVersion.objects.in_bulk(practice.frozen["item_versions"])
    for item_version in versions.values():
        answering.save_answer(
            actor=student, enrollment=enrollment, activity=practice,
            item_version=item_version, response=RESPONSES[item_version.type],
        )  # fmt: skip
    answering.reveal_hint(
        actor=student, enrollment=enrollment, activity=practice,
        item_version=next(iter(versions.values())),
    )  # fmt: skip
    quiz_steps.finish(student, enrollment, quiz.key)
    return enrollment


def test_every_kind_of_statement_validates_against_the_xapi_schema(world, built):
    _a_whole_study_session(world, built)
    statements = list(course_statements(built.course))
    verbs = {s["verb"]["id"].rsplit("/", 1)[-1].rsplit(":", 1)[-1] for s in statements}
    assert verbs == {v.value for v in Verb}
    for statement in statements:
        assert _errors(statement) == [], statement
    assert {s["result"]["duration"] for s in statements if "duration" in s.get("result", {})} == {
        "PT600S"  # capped as progress caps one beat
    }


def test_result_response_is_the_json_of_what_the_student_answered(world, built):
    _a_whole_study_session(world, built)
    answered = {
        event.pk: event.result["response"]
        for event in LearningEvent.objects.filter(verb=Verb.ANSWERED)
    }
    statements = {
        s["id"]: s for s in course_statements(built.course) if s["verb"]["id"].endswith("answered")
    }
    assert len(statements) == len(RESPONSES)
    for statement in statements.values():
        assert json.loads(statement["result"]["response"]) in answered.values()
    responses = {s["result"]["response"] for s in statements.values()}
    # JSON, not Python's repr: true, not True; double quotes; null, not None.
    assert {"true", "[0,1]", '["5","veinte"]', "[0,null]", '"Producto «exacto»"'} <= responses


def test_statements_of_two_enrollments_in_one_course_carry_different_registrations(world, built):
    first = enroll(world.alice, world.student_a1, built.course)
    enrollments.withdraw(actor=world.alice, enrollment=first)
    enroll(world.alice, world.student_a1, built.course)
    registrations = [s["context"]["registration"] for s in course_statements(built.course)]
    assert len(registrations) == 2 and len(set(registrations)) == 2


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("result", "score", "scaled"), 1.5),
        (("result", "duration"), "PT"),
        (("result", "duration"), "5 minutos"),
        (("result", "response"), ["a"]),
        (("verb", "id"), "respondió"),
        (("object", "id"), "actividad 1"),
        (("timestamp",), "2026-12-03 10:00"),
        (("timestamp",), "2026-12-03T10:00:00-00:00"),
        (("id",), "not-a-uuid"),
        (("context", "registration"), "1"),
        (("verb", "display"), {"español de México": "vio"}),
    ],
)
def test_the_schema_refuses_what_the_specification_forbids(path, value):
    statement = {
        "id": "0b8f4e2a-5c1d-5e6f-8a9b-0c1d2e3f4a5b",
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": "urn:impulsa:accounts", "name": "7"},
        },
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/answered",
            "display": {"es-MX": "respondió"},
        },
        "object": {"objectType": "Activity", "id": "urn:impulsa:item:abc"},
        "result": {"score": {"scaled": 0.5}, "duration": "PT30S", "response": "[0]"},
        "context": {"registration": "0b8f4e2a-5c1d-5e6f-8a9b-0c1d2e3f4a5b"},
        "timestamp": "2026-12-03T16:00:00+00:00",
    }
    assert _errors(statement) == []
    *parents, last = path
    target = statement
    for key in parents:
        target = target[key]
    target[last] = value
    assert _errors(statement)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=10,
)


@given(response=JSON_VALUES, seconds=st.integers(min_value=0, max_value=10**6))
def test_any_stored_response_round_trips_through_a_valid_statement(response, seconds):
    event = LearningEvent(
        pk=1, actor_id=1, verb=Verb.ANSWERED, object_type="item", object_id="item:k",
        enrollment_id=1, version_number=1, timestamp=timezone.now(),
        result={"score": "0.5", "success": False, "response": response, "seconds": seconds},
    )  # fmt: skip
    statement = as_xapi(event, "dual-1")
    assert _errors(statement) == []
    assert json.loads(statement["result"]["response"]) == response
