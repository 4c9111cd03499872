"""How a student fills the gaps (a <select> or a text box inside the text), and the
author's preview: the sentence read as solved, each gap's key in a box."""

import re
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

from impulsa.assessment.itemtypes.cloze.scoring import GAP_MARKER
from impulsa.assessment.itemtypes.display import select_options
from impulsa.assessment.itemtypes.numeric import display as numeric_display
from impulsa.assessment.itemtypes.short_answer import display as short_answer_display
from impulsa.learning.api import markdown_plain, render_markdown

MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!$|<>~])")


def answer_fields(body: dict, response, seed: str, text_format: str) -> dict:
    """The rendered text cut at its gap markers: [{"html", "gap"}], gap None at the end."""
    response = response or [None] * len(body["gaps"])
    html = render_markdown(body["text"], text_format)
    segments, start = [], 0
    for match in GAP_MARKER.finditer(html):
        number = int(match.group(1))
        gap = body["gaps"][number - 1]
        value = response[number - 1]
        options = []
        if gap["type"] == "single_choice":
            texts = [
                markdown_plain(choice["text"], text_format) for choice in gap["body"]["choices"]
            ]
            shuffle = gap["body"].get("shuffle", False)
            options = select_options(texts, value, f"{seed}:{number}", shuffle)
        gap_view = {"number": number, "type": gap["type"], "value": value, "options": options}
        segments.append({"html": html[start : match.start()], "gap": gap_view})
        start = match.end()
    segments.append({"html": html[start:], "gap": None})
    return {"segments": segments}


def _choice_key(body: dict, text_format: str) -> str:
    return " / ".join(
        markdown_plain(c["text"], text_format)
        for c in body["choices"]
        if Decimal(c["fraction"]) == 1
    )


# The key of each gap type as plain text (maths as text: "$16$" reads "16").
GAP_KEYS = {
    "single_choice": _choice_key,
    "short_answer": lambda body, text_format: " / ".join(short_answer_display.accepted(body)),
    "numeric": lambda body, text_format: " / ".join(numeric_display.accepted(body)),
}


def preview(body: dict, text_format: str) -> dict:
    """Each gap shows its key in a box, so the author reads the sentence as solved."""
    gaps = body["gaps"]

    def box(match):
        number = int(match[1])
        if not 1 <= number <= len(gaps):
            return match[0]
        gap = gaps[number - 1]
        key = f"[{number}: {GAP_KEYS[gap['type']](gap['body'], text_format)}]"
        if text_format == "html":
            return f"<strong>{escape(key)}</strong>"
        return "**" + MARKDOWN_PUNCTUATION.sub(r"\\\1", key) + "**"

    solved = GAP_MARKER.sub(box, body["text"])
    return {"text": mark_safe(render_markdown(solved, text_format))}  # nh3 sanitized it
