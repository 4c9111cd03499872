"""The author's preview of a short answer item: accepted answers with their credit, and
how typical variants of each would score, so the author sees a missing form before a
student does."""

from decimal import Decimal

from django.utils.translation import gettext as _

from impulsa.assessment.itemtypes import variants
from impulsa.assessment.itemtypes.display import percent
from impulsa.assessment.itemtypes.short_answer import scoring


def accepted(body: dict) -> list[str]:
    return [f"{a['text']} ({percent(a['fraction'])})" for a in body["answers"]]


def answer_fields(body: dict, response, seed: str, text_format: str) -> dict:
    return {"value": response or ""}


def preview(body: dict, text_format: str) -> dict:
    if body.get("accept_variants", True):
        rule = _(
            "Variantes comunes aceptadas: artículo al inicio, singular o plural (si ninguna "
            "respuesta coincide tal cual)."
        )
    else:
        rule = _("Solo se aceptan las respuestas tal como están escritas.")
    return {"answers": accepted(body), "rules": [rule], "variants": _variant_rows(body)}


def _variant_rows(body: dict) -> list[dict]:
    rows = []
    for answer in body["answers"]:
        if answer["regex"] or Decimal(answer["fraction"]) <= 0:
            continue
        for label, text in variants.typical_variants(answer["text"]):
            credit = scoring.score(body, text).fraction
            rows.append(
                {
                    "answer": answer["text"],
                    "label": label,
                    "text": text,
                    "credit": f"{(credit * 100).normalize():f} %",
                }
            )
    return rows
