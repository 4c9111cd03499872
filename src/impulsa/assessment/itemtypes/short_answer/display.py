"""The author's preview of a short answer item: accepted answers with their credit."""

from impulsa.assessment.itemtypes.display import percent


def accepted(body: dict) -> list[str]:
    return [f"{a['text']} ({percent(a['fraction'])})" for a in body["answers"]]


def answer_fields(body: dict, response, seed: str, text_format: str) -> dict:
    return {"value": response or ""}


def preview(body: dict, text_format: str) -> dict:
    return {"answers": accepted(body)}
