"""How a student relates the columns (one <select> per left entry), and the
author's preview of the right pairs. Option values are tokens (display.mask)."""

from impulsa.assessment.itemtypes.display import (
    inline,
    mask,
    plain_label,
    safe_inline,
    select_options,
    unmask,
)
from impulsa.assessment.itemtypes.matching.scoring import right_options
from impulsa.learning.api import markdown_plain


def mask_size(body: dict) -> int:
    return len(right_options(body))


def answer_fields(body: dict, response, seed: str, text_format: str) -> dict:
    # Options are text: a <select> cannot show MathML, so "$16$" is shown as "16".
    options = [markdown_plain(text, text_format) for text in right_options(body)]
    tokens = mask(len(options), seed)
    response = response or [None] * len(body["pairs"])
    rows = []
    for i, pair in enumerate(body["pairs"]):
        left = inline(pair["left"], text_format)
        rows.append(
            {
                "index": i,
                "left": left,
                "label": plain_label(left, pair["left"], text_format),
                "options": select_options(options, response[i], seed, shuffle=True, tokens=tokens),
            }
        )
    return {"rows": rows}


def read_form(body: dict, data, seed: str):
    """The posted tokens turned back into option indices."""
    tokens = mask(mask_size(body), seed)
    data = data.copy()
    for index in range(len(body["pairs"])):
        key = f"match-{index}"
        if data.get(key):
            data[key] = unmask(data[key], tokens)
    return data


def preview(body: dict, text_format: str) -> dict:
    return {
        "pairs": [
            (safe_inline(p["left"], text_format), safe_inline(p["right"], text_format))
            for p in body["pairs"]
        ],
        "distractors": [safe_inline(text, text_format) for text in body["distractors"]],
    }
