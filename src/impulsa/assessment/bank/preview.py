"""The author's read-only view of an item version: the stem and body as rendered HTML,
with the answer key shown (what a student would see, plus what counts as right)."""

import re
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from impulsa.assessment import itemtypes
from impulsa.assessment.answering.player import inline
from impulsa.learning.api import markdown

GAP = re.compile(r"\{(\d+)\}")
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!$|<>~])")


def _md(text: str, text_format: str = "markdown") -> str:
    return mark_safe(markdown.render(text, text_format))  # nh3 sanitized it


def _inline(text: str, text_format: str) -> str:
    return mark_safe(inline(text, text_format))  # nh3 sanitized it


def _percent(fraction: str) -> str:
    return f"{(Decimal(fraction) * 100).normalize():f} %"


def _choices(body, fmt: str):
    return [
        {
            "html": _inline(c["text"], fmt),
            "credit": _percent(c["fraction"]),
            "right": Decimal(c["fraction"]) > 0,
            "feedback": _inline(c["feedback"], fmt),
        }
        for c in body["choices"]
    ]


def _answers(item_type: str, body: dict) -> list[str]:
    """Accepted answers of a short-answer or numeric body, as text."""
    if item_type == "numeric":
        return [
            f"{a['value']} ± {a['tolerance']} ({_percent(a['fraction'])})" for a in body["answers"]
        ]
    return [f"{a['text']} ({_percent(a['fraction'])})" for a in body["answers"]]


def _gap_key(gap: dict, fmt: str) -> str:
    """The gap's key as plain text (maths as text: "$16$" reads "16")."""
    if gap["type"] == "single_choice":
        return " / ".join(
            markdown.plain(c["text"], fmt)
            for c in gap["body"]["choices"]
            if Decimal(c["fraction"]) == 1
        )
    return " / ".join(_answers(gap["type"], gap["body"]))


def preview_html(version) -> str:
    body, item_type, fmt = version.body, version.type, version.stem_format
    context = {
        "version": version,
        "type_label": itemtypes.TYPE_LABELS.get(item_type, item_type),
        "stem": _md(version.stem, version.stem_format),
        "feedback": _md(version.general_feedback, fmt),
        "hints": [_inline(hint, fmt) for hint in version.hints],
    }
    if item_type in ("single_choice", "multiple_choice"):
        context["choices"] = _choices(body, fmt)
    elif item_type in ("numeric", "short_answer"):
        context["answers"] = _answers(item_type, body)
        context["units"] = [u["unit"] for u in body.get("units", [])]
    elif item_type == "matching":
        context["pairs"] = [
            (_inline(p["left"], fmt), _inline(p["right"], fmt)) for p in body["pairs"]
        ]
        context["distractors"] = [_inline(text, fmt) for text in body["distractors"]]
    elif item_type == "ordering":
        context["ordered"] = [_inline(text, fmt) for text in body["items"]]
    elif item_type == "cloze":
        # Each gap shows its key in a box, so the author reads the sentence as solved.
        gaps = body["gaps"]

        def box(match):
            number = int(match[1])
            if not 1 <= number <= len(gaps):
                return match[0]
            key = f"[{number}: {_gap_key(gaps[number - 1], fmt)}]"
            if fmt == "html":
                return f"<strong>{escape(key)}</strong>"
            return "**" + MARKDOWN_PUNCTUATION.sub(r"\\\1", key) + "**"

        context["cloze"] = _md(GAP.sub(box, body["text"]), fmt)
    return render_to_string("assessment/bank/_preview.html", context)
