"""What the student sees of an essay (a text box and the word limits; never the model
answer or the rubric's points) and what the author's preview shows (the rubric and
the model answer)."""

from django.utils.safestring import mark_safe

from impulsa.assessment.itemtypes.essay import scoring
from impulsa.learning.api import render_markdown


def answer_fields(body: dict, response, seed: str, text_format: str) -> dict:
    text = response or ""
    return {
        "value": text,
        "words": scoring.word_count(text),
        "min_words": body.get("min_words"),
        "max_words": body.get("max_words"),
        "max_length": scoring.MAX_RESPONSE_CHARS,
    }


def rubric_rows(body: dict) -> list[dict]:
    return [
        {
            "name": criterion["name"],
            "levels": [(level["label"], level["points"]) for level in criterion["levels"]],
        }
        for criterion in body["rubric"]
    ]


def preview(body: dict, text_format: str) -> dict:
    return {
        "rubric": rubric_rows(body),
        "max_points": f"{scoring.max_points(body).normalize():f}",
        # nh3 sanitized it
        "model_answer": mark_safe(render_markdown(body["model_answer"], text_format)),
        "min_words": body.get("min_words"),
        "max_words": body.get("max_words"),
    }
