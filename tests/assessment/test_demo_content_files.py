"""The demo courses shipped as YAML are complete, consistent and keyed correctly."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from impulsa.settings import REPO_DIR

CONTENT_DIR = Path(REPO_DIR) / "src" / "impulsa" / "assessment" / "demo_content"

# file name -> (catalog code, min skills, min lessons, min items, min distinct item types)
COURSES = {
    "matematicas.yaml": ("prope-2", 6, 8, 80, 6),
    "pensamiento-matematico-1.yaml": ("ases-8", 6, 8, 80, 6),
    "lenguaje.yaml": ("prope-1", 4, 4, 40, 5),
}
MATH_COURSES = ["matematicas.yaml", "pensamiento-matematico-1.yaml"]
MATH_UNITS = (3, 4)

# Commands the player's math renderer is promised to handle.
ALLOWED_LATEX = {
    "frac", "sqrt", "times", "div", "cdot", "le", "ge", "neq", "pi", "left", "right", "text",
}  # fmt: skip
MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.DOTALL)
PER_ANSWER_FEEDBACK = {
    "single_choice": ("choices", "feedback"),
    "multiple_choice": ("choices", "feedback"),
    "numeric": ("answers", "feedback"),
    "short_answer": ("answers", "feedback"),
}


def load(file_name):
    return yaml.safe_load((CONTENT_DIR / file_name).read_text(encoding="utf-8"))


def lessons(course):
    return [lesson for unit in course["units"] for lesson in unit["lessons"]]


def activities(course):
    return [activity for lesson in lessons(course) for activity in lesson["activities"]]


def items(course):
    return [item for activity in activities(course) for item in activity.get("items", [])]


def strings_in(value):
    """Every string inside a nested YAML value (what a student may end up reading)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from strings_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from strings_in(inner)


def keyed_response(item_type, body):
    """The response a student who knows the answer would give."""
    from impulsa.assessment.itemtypes import right_options

    if item_type == "single_choice":
        fractions = [Decimal(choice["fraction"]) for choice in body["choices"]]
        return fractions.index(max(fractions))
    if item_type == "multiple_choice":
        return [i for i, choice in enumerate(body["choices"]) if Decimal(choice["fraction"]) > 0]
    if item_type == "true_false":
        return body["answer"]
    if item_type == "numeric":
        best = next(a for a in body["answers"] if Decimal(a["fraction"]) == 1)
        units = body.get("units") or []
        return f"{best['value']} {units[0]['unit']}" if body.get("unit_required") else best["value"]
    if item_type == "short_answer":
        return next(
            a["text"]
            for a in body["answers"]
            if Decimal(a["fraction"]) == 1 and not a.get("regex", False)
        )
    if item_type == "matching":
        options = right_options(body)
        return [options.index(pair["right"]) for pair in body["pairs"]]
    if item_type == "ordering":
        return list(range(len(body["items"])))
    if item_type == "cloze":
        return [keyed_response(gap["type"], gap["body"]) for gap in body["gaps"]]
    raise AssertionError(f"unknown item type {item_type}")


def all_items() -> list:
    return [
        pytest.param(item, id=f"{file_name}:{item['name']}")
        for file_name in COURSES
        for item in items(load(file_name))
    ]


@pytest.mark.parametrize("file_name", COURSES)
def test_course_meets_the_minimum_size(file_name):
    code, min_skills, min_lessons, min_items, min_types = COURSES[file_name]
    course = load(file_name)
    assert course["course"] == code
    assert course["description"].strip()
    assert len(course["skills"]) >= min_skills
    assert len(lessons(course)) >= min_lessons
    assert len(items(course)) >= min_items
    assert len({item["type"] for item in items(course)}) >= min_types


@pytest.mark.parametrize("file_name", MATH_COURSES)
def test_math_courses_have_three_or_four_units(file_name):
    assert len(load(file_name)["units"]) in MATH_UNITS


@pytest.mark.parametrize("file_name", COURSES)
def test_skill_codes_and_item_names_are_unique_within_a_course(file_name):
    course = load(file_name)
    codes = [skill["code"] for skill in course["skills"]]
    names = [item["name"] for item in items(course)]
    assert len(codes) == len(set(codes))
    assert [n for n in names if names.count(n) > 1] == []


@pytest.mark.parametrize("file_name", COURSES)
def test_every_referenced_skill_exists(file_name):
    course = load(file_name)
    codes = {skill["code"] for skill in course["skills"]}
    referenced = {code for skill in course["skills"] for code in skill["requires"]}
    referenced |= {code for activity in activities(course) for code in activity["skills"]}
    referenced |= {code for item in items(course) for code in item["skills"]}
    assert referenced <= codes, referenced - codes


@pytest.mark.parametrize("file_name", COURSES)
def test_prerequisites_form_no_cycle(file_name):
    requires = {skill["code"]: skill["requires"] for skill in load(file_name)["skills"]}
    done, visiting = set(), set()

    def visit(code, path):
        assert code not in visiting, f"ciclo: {' -> '.join([*path, code])}"
        if code in done:
            return
        visiting.add(code)
        for required in requires[code]:
            visit(required, [*path, code])
        visiting.discard(code)
        done.add(code)

    for code in requires:
        visit(code, [])


@pytest.mark.parametrize("file_name", COURSES)
def test_every_lesson_teaches_then_practices_then_quizzes(file_name):
    for lesson in lessons(load(file_name)):
        kinds = [activity["kind"] for activity in lesson["activities"]]
        assert kinds in (
            ["content", "practice", "quiz"],
            ["content", "content", "practice", "quiz"],
        )
        assert lesson["summary"].strip()
        by_kind = {activity["kind"]: activity for activity in lesson["activities"]}
        assert 5 <= len(by_kind["practice"]["items"]) <= 6, lesson["title"]
        assert 4 <= len(by_kind["quiz"]["items"]) <= 5, lesson["title"]


@pytest.mark.parametrize("file_name", COURSES)
def test_content_explains_in_250_to_600_words_with_no_video(file_name):
    for activity in activities(load(file_name)):
        if activity["kind"] != "content":
            continue
        kinds = [variant["kind"] for variant in activity["variants"]]
        assert set(kinds) <= {"text", "worked_example"}
        assert kinds.count("text") == 1
        for variant in activity["variants"]:
            words = len(variant["body"].split())
            if variant["kind"] == "text":
                assert 250 <= words <= 600, (activity["title"], words)
            else:
                assert words >= 60, (activity["title"], words)


@pytest.mark.parametrize("file_name", MATH_COURSES)
def test_most_math_lessons_include_a_worked_example(file_name):
    course = load(file_name)
    with_example = [
        lesson
        for lesson in lessons(course)
        if any(
            variant["kind"] == "worked_example"
            for activity in lesson["activities"]
            if activity["kind"] == "content"
            for variant in activity["variants"]
        )
    ]
    assert len(with_example) * 2 > len(lessons(course))


@pytest.mark.parametrize("file_name", COURSES)
def test_text_uses_only_supported_latex_balanced_dollars_and_no_links(file_name):
    for text in strings_in(load(file_name)):
        assert text.count("$") % 2 == 0, text
        assert "http" not in text, text
        math = " ".join(display + inline for display, inline in MATH.findall(text))
        commands = set(re.findall(r"\\([A-Za-z]+|.)", math))
        assert commands <= ALLOWED_LATEX, (commands - ALLOWED_LATEX, text)


@pytest.mark.parametrize("item", all_items())
def test_item_teaches_with_hints_solution_and_answer_feedback(item):
    assert item["stem"].strip()
    assert item["general_feedback"].strip()
    assert item["hints"] and all(hint.strip() for hint in item["hints"])
    assert item["skills"]
    assert -3 <= Decimal(item["difficulty"]) <= 3
    bodies = [(item["type"], item["body"])]
    if item["type"] == "cloze":
        bodies = [(gap["type"], gap["body"]) for gap in item["body"]["gaps"]]
        markers = [int(n) for n in re.findall(r"\{(\d+)\}", item["body"]["text"])]
        assert markers == list(range(1, len(bodies) + 1))
    for item_type, body in bodies:
        if item_type in PER_ANSWER_FEEDBACK:
            key, field = PER_ANSWER_FEEDBACK[item_type]
            assert all(answer[field].strip() for answer in body[key]), item["name"]
        if item_type == "true_false":
            assert body["feedback_true"].strip() and body["feedback_false"].strip()


@pytest.mark.parametrize("item", all_items())
def test_item_body_validates_and_the_keyed_answer_scores_full_credit(item):
    itemtypes = pytest.importorskip("impulsa.assessment.itemtypes")
    assert item["type"] in itemtypes.TYPES
    body = itemtypes.validate_body(item["type"], item["body"])
    outcome = itemtypes.score(item["type"], body, keyed_response(item["type"], body))
    assert outcome.correct, item["name"]
    assert outcome.fraction == Decimal("1")
