"""The designer's preview of an item: maths renders (or reads as text) in every part,
never as raw LaTeX."""

from impulsa.assessment.bank import services as items
from impulsa.assessment.bank.preview import preview_html
from impulsa.learning.authoring import services as authoring


def _item(world, item_type: str, body: dict, stem_format: str = "markdown"):
    course = authoring.create_course(actor=world.designer, institution=world.national, name="M")
    return items.create_item(
        actor=world.designer, course=course, type=item_type, name="Mates", stem="¿?",
        stem_format=stem_format, body=body,
    )  # fmt: skip


def test_matching_distractors_render_their_maths(world):
    body = {
        "pairs": [{"left": "$4^2$", "right": "$16$"}, {"left": "b", "right": "2"}],
        "distractors": ["$\\sqrt{2}$", "$\\frac{3}{4}$"],
    }
    html = preview_html(_item(world, "matching", body).current)
    distractors = html.split("Distractores:")[1].split("</p>")[0]
    assert 'aria-label="√2"' in distractors and 'aria-label="3/4"' in distractors
    assert "$" not in html and "\\sqrt" not in html


def test_choice_feedback_and_cloze_keys_show_maths_not_latex(world):
    choices = [
        {"text": "$\\frac{1}{2}$", "fraction": "1", "feedback": "Es $\\frac{2}{4}$."},
        {"text": "$x^2$", "fraction": "0"},
    ]
    single = preview_html(_item(world, "single_choice", {"choices": choices}).current)
    assert 'aria-label="2/4"' in single and "\\frac" not in single

    gap = {"type": "single_choice", "body": {"choices": choices}}
    cloze = _item(world, "cloze", {"text": "Vale {1}.", "gaps": [gap]}).current
    html = preview_html(cloze)
    assert "<strong>[1: 1/2]</strong>" in html and "\\frac" not in html and "$" not in html


def test_cloze_keys_in_html_items_are_their_text(world):
    choices = [{"text": "<b>1 &lt; 2</b>", "fraction": "1"}, {"text": "no", "fraction": "0"}]
    gap = {"type": "single_choice", "body": {"choices": choices}}
    cloze = _item(world, "cloze", {"text": "<p>Vale {1}.</p>", "gaps": [gap]}, "html").current
    assert "<strong>[1: 1 &lt; 2]</strong>" in preview_html(cloze)
