"""The builder's one-line-per-gap syntax for cloze items reads back what it writes."""

import pytest
from hypothesis import assume, given, settings

from impulsa.assessment.itemtypes import validate_body
from impulsa.assessment.itemtypes.cloze.gap_syntax import format_gaps, parse_gaps
from impulsa.core.errors import DomainError
from tests.assessment.strategies import bodies


@settings(max_examples=150, deadline=None)
@given(bodies("cloze", "xml"))
def test_gap_lines_round_trip(body):
    lines = format_gaps(body["gaps"])
    # Each gap is one line: answers with line breaks cannot be written in it.
    assume(len(lines.splitlines()) == len(body["gaps"]))

    # Moodle XML's short gaps count accents: the builder's box says so for all of them.
    gaps = parse_gaps(lines, accent_sensitive=True)
    again = validate_body("cloze", {"text": body["text"], "gaps": gaps})

    assert again == body


def test_weight_and_types_are_read():
    gaps = parse_gaps("2:MC:=París~Roma\n\nSAC:=Sol#¡Bien!\nNM:=3.14:0.01")

    assert [(g["type"], g["weight"]) for g in gaps] == [
        ("single_choice", 2),
        ("short_answer", 1),
        ("numeric", 1),
    ]
    assert gaps[1]["body"]["case_sensitive"] is True
    assert gaps[1]["body"]["answers"][0]["feedback"] == "¡Bien!"


@pytest.mark.parametrize("line", ["París", "XX:=a", ":=a"])
def test_unreadable_line_names_the_gap(line):
    with pytest.raises(DomainError, match="El hueco 2 debe empezar"):
        parse_gaps(f"SA:=a\n{line}")
