"""What the types' answer and preview views share: short texts rendered inline,
stable display orders, and the tokens that hide indices from the page source."""

import random
from decimal import Decimal

from django.utils.safestring import mark_safe

from impulsa.learning.api import has_math, markdown_plain, render_markdown


def inline(text: str, text_format: str = "markdown") -> str:
    """A short piece (a choice, a feedback) without its paragraph. Every text of an
    item follows its `stem_format` (Markdown, or HTML from a Moodle import)."""
    html = render_markdown(text, text_format).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def safe_inline(text: str, text_format: str = "markdown") -> str:
    """`inline` for templates that do not mark it safe themselves (the previews)."""
    return mark_safe(inline(text, text_format))  # nh3 sanitized it


def plain_label(html: str, text: str, text_format: str) -> str:
    """The plain-text accessible name of a control whose visible label holds maths
    ("" when the label's own text is enough)."""
    return markdown_plain(text, text_format) if has_math(html) else ""


def display_order(count: int, shuffle: bool, seed: str) -> list[int]:
    indices = list(range(count))
    if shuffle:
        # A display order, not a secret: it only has to be the same on every reload.
        random.Random(seed).shuffle(indices)  # noqa: S311
    return indices


def mask(count: int, seed: str) -> list[int]:
    """Form values of matching options and ordering entries are tokens, not indices:
    an ordering's original indices are its right order, and matching's option i
    belongs to left i, so plain indices would spell the answer out in the page
    source. Token k stands for original index mask[k]."""
    return display_order(count, True, f"{seed}:mask")


def unmask(token: str, tokens: list[int]) -> str:
    """The original index a posted token stands for (a token that is not one stays
    as it is, and the item type then refuses it)."""
    token = token.strip()
    return str(tokens[int(token)]) if token.isdigit() and int(token) < len(tokens) else token


def select_options(
    options: list[str], selected, seed: str, shuffle: bool, tokens=None
) -> list[dict]:
    """Options of a <select>: `options` must be plain text (see `markdown.plain`)."""
    return [
        {"value": tokens.index(i) if tokens else i, "text": options[i], "selected": i == selected}
        for i in display_order(len(options), shuffle, seed)
    ]


def percent(fraction: str) -> str:
    return f"{(Decimal(fraction) * 100).normalize():f} %"
