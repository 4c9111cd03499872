"""The graph lesson and items show real charts: every chart block in the demo courses
draws, and every item of the graphs skill that gives data gives it as a chart."""

import re

import pytest

from impulsa.learning.content import markdown
from tests.assessment.test_demo_content_files import COURSES, load

FENCE = re.compile(r"```grafica (barras|lineas)")
FENCED = re.compile(r"```.*?```", re.DOTALL)


def _texts(node):
    """Every string in a course file."""
    if isinstance(node, dict):
        for value in node.values():
            yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)
    elif isinstance(node, str):
        yield node


@pytest.mark.parametrize("file_name", COURSES)
def test_every_chart_block_draws_with_its_data_as_text(file_name):
    blocks = [text for text in _texts(load(file_name)) if FENCE.search(text)]
    for text in blocks:
        html = markdown.render(text)
        assert "chart-error" not in html, text
        assert html.count("<svg") == len(FENCE.findall(text))
        assert "<details><summary>" in html


def test_the_graphs_lesson_and_items_show_charts_not_tables():
    course = load("matematicas.yaml")
    graph_items = [
        item
        for item in _items(course)
        if "graficas" in item.get("skills", []) and "|---|" in FENCED.sub("", item.get("stem", ""))
    ]
    assert graph_items == []
    charted = [item for item in _items(course) if FENCE.search(item.get("stem", ""))]
    assert len(charted) >= 8
    assert {match for text in _texts(course) for match in FENCE.findall(text)} == {
        "barras",
        "lineas",
    }


def _items(node):
    if isinstance(node, dict):
        if "stem" in node and "skills" in node:
            yield node
        for value in node.values():
            yield from _items(value)
    elif isinstance(node, list):
        for value in node:
            yield from _items(value)
