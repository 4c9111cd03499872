"""Exporting a course's learning events as xAPI statements in JSON Lines."""

import datetime
import json
from collections.abc import Iterator

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from impulsa.learning import events
from impulsa.learning.models import LearningEvent, Verb
from impulsa.learning.xapi_export import course_statements
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
