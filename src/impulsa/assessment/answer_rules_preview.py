"""What the builder's preview says about how typed answers are read: a numeric item's
unit, fraction and separator rules, and how typical variants of each accepted short
answer would score, so the author sees a missing form before a student does."""

from decimal import Decimal

from django.utils.translation import gettext as _

from impulsa.assessment import itemtypes
from impulsa.assessment.itemtypes import numeric_rules, variants


def answer_rules(item_type: str, body: dict) -> dict:
    if item_type == "numeric":
        return {"lines": numeric_rules.describe(body), "variants": []}
    on = body.get("accept_variants", True)
    line = (
        _(
            "Variantes comunes aceptadas: artículo al inicio, singular o plural (si ninguna "
            "respuesta coincide tal cual)."
        )
        if on
        else _("Solo se aceptan las respuestas tal como están escritas.")
    )
    return {"lines": [line], "variants": _variant_rows(body)}


def _variant_rows(body: dict) -> list[dict]:
    rows = []
    for answer in body["answers"]:
        if answer["regex"] or Decimal(answer["fraction"]) <= 0:
            continue
        for label, text in variants.typical_variants(answer["text"]):
            credit = itemtypes.score("short_answer", body, text).fraction
            rows.append(
                {
                    "answer": answer["text"],
                    "label": label,
                    "text": text,
                    "credit": f"{(credit * 100).normalize():f} %",
                }
            )
    return rows
