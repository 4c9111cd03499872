"""How a student orders the entries (buttons, or typed positions without
JavaScript), and the author's preview in the right order. Entry values are tokens
(display.mask)."""

from django.utils.translation import gettext as _

from impulsa.assessment.itemtypes.display import display_order, inline, mask, safe_inline, unmask
from impulsa.core.errors import DomainError
from impulsa.learning.api import markdown_plain


def mask_size(body: dict) -> int:
    return len(body["items"])


def answer_fields(body: dict, response, seed: str, text_format: str) -> dict:
    shown = response or display_order(len(body["items"]), True, seed)
    if not response and shown == sorted(shown):  # never start from the answer
        shown = shown[1:] + shown[:1]
    tokens = mask(len(body["items"]), seed)
    return {
        "items": [
            {
                "value": tokens.index(i),
                "html": inline(body["items"][i], text_format),
                "text": markdown_plain(body["items"][i], text_format),
            }
            for i in shown
        ],
        "shown": ",".join(str(tokens.index(i)) for i in shown),
        # player.js says each move aloud in the item's live region (player/item.html)
        "announces_moves": True,
    }


def _typed_positions(data):
    """Without JavaScript a student types the order as positions in the list shown
    ("3, 1, 2"); turn them into the `order` field (still tokens)."""
    typed = data.get("positions", "").strip()
    if not typed:
        return data
    shown = data.get("shown", "").split(",")
    try:
        positions = [int(part) for part in typed.replace(" ", "").split(",")]
    except ValueError:
        positions = []
    if sorted(positions) != list(range(1, len(shown) + 1)):
        raise DomainError(_("Escribe cada número de la lista una vez, separados por comas."))
    data = data.copy()
    data["order"] = ",".join(shown[p - 1] for p in positions)
    return data


def read_form(body: dict, data, seed: str):
    """The `order` field as original indices, from the buttons' tokens or typed positions."""
    data = _typed_positions(data).copy()
    tokens = mask(mask_size(body), seed)
    posted = [t for t in data.get("order", "").split(",") if t.strip()]
    data["order"] = ",".join(unmask(t, tokens) for t in posted)
    return data


def preview(body: dict, text_format: str) -> dict:
    return {"ordered": [safe_inline(text, text_format) for text in body["items"]]}
