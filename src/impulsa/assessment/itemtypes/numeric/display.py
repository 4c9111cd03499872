"""The author's preview of a numeric item: accepted values with tolerance and credit,
and how typed answers are read (units, fractions, separators)."""

from impulsa.assessment.itemtypes import numeric_rules
from impulsa.assessment.itemtypes.display import percent


def accepted(body: dict) -> list[str]:
    return [f"{a['value']} ± {a['tolerance']} ({percent(a['fraction'])})" for a in body["answers"]]


def answer_fields(body: dict, response, seed: str, text_format: str) -> dict:
    return {"value": response or ""}


def preview(body: dict, text_format: str) -> dict:
    return {
        "answers": accepted(body),
        "units": [u["unit"] for u in body.get("units", [])],
        "rules": numeric_rules.describe(body),
    }
