"""GIFT, Moodle's plain-text question format: reading (here) and writing (gift_export).

A file is a series of questions separated by blank lines:
`::title::[markdown]Question text {=right ~wrong#feedback ####general feedback}`.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from impulsa.assessment.formats.common import (
    FormatProblem,
    ItemFileInvalid,
    ParsedItem,
    checked_body,
    name_from_text,
    plain_to_html,
)
from impulsa.assessment.formats.gift_export import export_gift
from impulsa.assessment.formats.wildcards import wildcard_answer
from impulsa.assessment.itemtypes.essay.scoring import global_rubric

# Escaped characters become private-use placeholders while the structure is read,
# as Moodle's own parser does, and are restored in every text taken out.
PLACEHOLDERS = {
    "\\\\": "\ue000",
    "\\~": "\ue001",
    "\\=": "\ue002",
    "\\#": "\ue003",
    "\\{": "\ue004",
    "\\}": "\ue005",
    "\\:": "\ue006",
    "\\n": "\ue007",
}
ESCAPE = re.compile(r"\\[\\~=#{}:n]")
RESTORE = str.maketrans({v: ("\n" if k == "\\n" else k[1]) for k, v in PLACEHOLDERS.items()})
TITLE = re.compile(r"::(.*?)::", re.DOTALL)
FORMAT = re.compile(r"\[(html|moodle|plain|markdown)\]")
WEIGHT = re.compile(r"\s*%(-?\d+(?:[.,]\d+)?)%")
TRUE_FALSE = re.compile(r"(T|TRUE|F|FALSE)\s*(#.*)?", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"\[tag:([^\]]*)\]")


class Unsupported(Exception):
    """One question cannot be read; the message is the Spanish reason."""


def protect(text: str) -> str:
    return ESCAPE.sub(lambda match: PLACEHOLDERS[match[0]], text)


def restore(text: str) -> str:
    return text.translate(RESTORE)


def clean(text: str) -> str:
    return restore(text.strip())


def parse_gift(text: str) -> list[ParsedItem]:
    """Every question of a GIFT file, or ItemFileInvalid listing every problem."""
    items, problems = [], []
    for line, lines, tags in _blocks(text.lstrip("\ufeff")):
        question = "\n".join(lines)
        try:
            item = _question(question, line, tags)
        except Unsupported as reason:
            problems.append(FormatProblem(_fallback_name(question), line, str(reason)))
            continue
        body = checked_body(item.type, item.body, item.name, line, problems)
        if body is not None:
            item.body = body
            items.append(item)
    if problems:
        raise ItemFileInvalid(problems)
    return items


def _blocks(text: str):
    """(first line number, question lines, tags) per blank-line separated question."""
    block: list[tuple[int, str]] = []
    for number, line in enumerate([*text.splitlines(), ""], 1):
        if line.strip():
            block.append((number, line))
            continue
        tags = [
            tag.strip()
            for _n, row in block
            if row.lstrip().startswith("//")
            for tag in TAG.findall(row)
            if tag.strip()
        ]
        lines = [(n, row) for n, row in block if not row.lstrip().startswith(("//", "$CATEGORY:"))]
        if lines:
            yield lines[0][0], [row for _n, row in lines], tags
        block = []


def _fallback_name(question: str) -> str:
    title = TITLE.match(protect(question).strip())
    if title and title[1].strip():
        return clean(title[1])
    return name_from_text(question)


def _question(question: str, line: int, tags: list[str]) -> ParsedItem:
    raw = protect(question).strip()
    name = ""
    title = TITLE.match(raw)
    if title:
        name = clean(title[1])
        raw = raw[title.end() :].lstrip()
    marker = FORMAT.match(raw)
    kind = marker[1] if marker else "markdown"
    raw = raw[marker.end() :] if marker else raw
    start = raw.find("{")
    if start < 0:
        raise Unsupported(_("Una pregunta sin respuestas (descripción) no se admite."))
    end = raw.find("}", start)
    if end < 0:
        raise Unsupported(_("Falta la llave de cierre } de las respuestas."))
    before, answers, after = raw[:start], raw[start + 1 : end], raw[end + 1 :]
    if "{" in after or "}" in after or "}" in before:
        raise Unsupported(_("Solo se admite un bloque de respuestas {…} por pregunta."))
    general = ""
    if "####" in answers:
        answers, general = answers.split("####", 1)
    item_type, body = _answers(answers.strip())
    stem_format = "html" if kind in ("html", "moodle", "plain") else "markdown"
    convert = plain_to_html if kind in ("moodle", "plain") else (lambda text: text)
    if after.strip():
        if item_type not in ("single_choice", "short_answer"):
            raise Unsupported(
                _("Solo opción única o respuesta corta pueden ir en medio del texto.")
            )
        gap_text = restore(before.lstrip()) + "{1}" + restore(after.rstrip())
        stem = ""
        body = {"text": convert(gap_text), "gaps": [{"type": item_type, "body": body, "weight": 1}]}
        item_type = "cloze"
    else:
        stem = convert(clean(before))
    return ParsedItem(
        type=item_type,
        name=name or name_from_text(stem or body.get("text", "")),
        stem=stem,
        stem_format=stem_format,
        body=body,
        general_feedback=clean(general),
        tags=tags,
        line=line,
    )


def _answers(answers: str) -> tuple[str, dict]:
    if not answers:
        # Moodle's essay: "{}". GIFT has no rubric: one criterion worth 1 point.
        return "essay", {"rubric": global_rubric(Decimal(1)), "model_answer": ""}
    if answers.startswith("#"):
        return "numeric", _numeric(answers[1:])
    if TRUE_FALSE.fullmatch(answers):
        return "true_false", _true_false(answers)
    if "~" in answers:
        return _choices(answers)
    if answers.startswith("=") and "->" in answers:
        return "matching", _matching(answers)
    if answers.startswith("="):
        return "short_answer", _short_answers(answers)
    raise Unsupported(_("No se reconoce el tipo de pregunta por sus respuestas."))


def _split(answers: str, markers: str) -> list[tuple[str, str]]:
    """(marker, rest) per answer; answers start at each unescaped marker character."""
    pieces = re.split(f"(?=[{markers}])", answers)
    if pieces[0].strip():
        raise Unsupported(
            _("Hay texto antes de la primera respuesta: %(t)s") % {"t": clean(pieces[0])}
        )
    return [(piece[0], piece[1:]) for piece in pieces if piece.strip()]


def _weighted(rest: str) -> tuple[Decimal | None, str, str]:
    """(fraction or None, text, feedback) of one answer after its marker."""
    weight = WEIGHT.match(rest)
    fraction = None
    if weight:
        fraction = Decimal(weight[1].replace(",", ".")) / 100
        rest = rest[weight.end() :]
    text, _sep, feedback = rest.partition("#")
    return fraction, clean(text), clean(feedback)


def _choices(answers: str) -> tuple[str, dict]:
    parsed = [(marker, *_weighted(rest)) for marker, rest in _split(answers, "~=")]
    # Moodle: an "=" answer makes it single choice; without one, weights decide (checkboxes).
    single = any(marker == "=" for marker, *_rest in parsed)
    choices = []
    for marker, fraction, text, feedback in parsed:
        if fraction is None:
            fraction = Decimal(1) if marker == "=" else Decimal(0)
        if single:
            # A penalty on a radio-button choice scores like 0: credit never goes below 0.
            fraction = max(fraction, Decimal(0))
        choices.append({"text": text, "fraction": fraction, "feedback": feedback})
    return ("single_choice" if single else "multiple_choice"), {"choices": choices, "shuffle": True}


def _short_answers(answers: str) -> dict:
    entries = []
    for _marker, rest in _split(answers, "="):
        fraction, text, feedback = _weighted(rest)
        pattern, regex = wildcard_answer(text)
        entries.append(
            {
                "text": pattern,
                "fraction": 1 if fraction is None else fraction,
                "feedback": feedback,
                "regex": regex,
            }
        )
    return {"answers": entries, "case_sensitive": False}


def _matching(answers: str) -> dict:
    pairs = []
    for _marker, rest in _split(answers, "="):
        left, arrow, right = rest.partition("->")
        if not arrow:
            raise Unsupported(_("Al par «%(t)s» le falta «->».") % {"t": clean(rest)})
        pairs.append({"left": clean(left), "right": clean(right.partition("#")[0])})
    return {"pairs": pairs, "distractors": []}


def _number(text: str) -> Decimal:
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        raise Unsupported(
            _("El número «%(t)s» no se entiende.") % {"t": restore(text.strip())}
        ) from None


def _numeric(answers: str) -> dict:
    pieces = _split(answers.strip(), "=") if answers.strip().startswith("=") else [("=", answers)]
    entries = []
    for _marker, rest in pieces:
        fraction, spec, feedback = _weighted(rest)
        if ".." in spec:
            low, high = (_number(part) for part in spec.split("..", 1))
            value, tolerance = (low + high) / 2, abs(high - low) / 2
        elif ":" in spec:
            value, tolerance = (_number(part) for part in spec.split(":", 1))
        else:
            value, tolerance = _number(spec), Decimal(0)
        entries.append(
            {
                "value": value,
                "tolerance": tolerance,
                "fraction": 1 if fraction is None else fraction,
                "feedback": feedback,
            }
        )
    return {"answers": entries, "units": [], "unit_required": False}


def _true_false(answers: str) -> dict:
    token, _sep, feedbacks = answers.partition("#")
    wrong, _sep, right = feedbacks.partition("#")
    answer = token.strip().upper() in ("T", "TRUE")
    # GIFT writes the feedback for a wrong answer first, then for a right one.
    said_true, said_false = (right, wrong) if answer else (wrong, right)
    return {
        "answer": answer,
        "feedback_true": clean(said_true),
        "feedback_false": clean(said_false),
    }


__all__ = ["export_gift", "parse_gift"]
