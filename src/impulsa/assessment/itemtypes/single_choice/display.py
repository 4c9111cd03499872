"""How a student sees the options, and the author's preview with each option's credit."""

from decimal import Decimal

from impulsa.assessment.itemtypes.display import (
    display_order,
    inline,
    percent,
    plain_label,
    safe_inline,
)


def answer_fields(body: dict, response, seed: str, text_format: str) -> dict:
    """Multiple choice shares it (its response is a list of indices)."""
    chosen = set(response if isinstance(response, list) else [response])
    views = []
    for i in display_order(len(body["choices"]), body.get("shuffle", False), seed):
        text = body["choices"][i]["text"]
        html = inline(text, text_format)
        views.append(
            {
                "value": i,
                "html": html,
                "label": plain_label(html, text, text_format),
                "checked": i in chosen,
            }
        )
    return {"choices": views}


def preview(body: dict, text_format: str) -> dict:
    return {
        "choices": [
            {
                "html": safe_inline(c["text"], text_format),
                "credit": percent(c["fraction"]),
                "right": Decimal(c["fraction"]) > 0,
                "feedback": safe_inline(c["feedback"], text_format),
            }
            for c in body["choices"]
        ]
    }
