"""Moodle's embedded answers (cloze) syntax: `{2:SHORTANSWER:=a#bien~%50%b}` inside a text."""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from impulsa.assessment.formats.wildcards import answer_as_wildcard, wildcard_answer
from impulsa.assessment.itemtypes.values import canonical

EMBEDDED = re.compile(r"\{(\d*):([A-Z_]+):((?:\\.|[^\\}])*)\}", re.DOTALL)
ALTERNATIVE = re.compile(r"(=|%(-?\d+(?:[.,]\d*)?)%)?(.*)", re.DOTALL)
SHORT = {
    "SHORTANSWER": False,
    "SA": False,
    "MW": False,
    "SHORTANSWER_C": True,
    "SAC": True,
    "MWC": True,
}
NUMERIC = {"NUMERICAL", "NM"}
# Radio buttons or a menu; the _S variants shuffle.
CHOICE = {
    "MULTICHOICE": False, "MC": False, "MULTICHOICE_V": False, "MCV": False,
    "MULTICHOICE_H": False, "MCH": False, "MULTICHOICE_S": True, "MCS": True,
    "MULTICHOICE_VS": True, "MCVS": True, "MULTICHOICE_HS": True, "MCHS": True,
}  # fmt: skip
SPECIAL = "\\}#~"


class Unsupported(Exception):
    """The embedded question cannot be read or written; the message is the Spanish reason."""


def _split(text: str, separator: str) -> list[str]:
    """Split on a separator not escaped by a backslash, keeping the escapes."""
    parts, current, escaped = [], [], False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    return [*parts, "".join(current)]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL).strip()


def _escape(text: str) -> str:
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text


def _alternatives(spec: str) -> list[tuple[Decimal, str, str]]:
    """(fraction, raw text, feedback) per `~`-separated answer."""
    found = []
    for alternative in _split(spec, "~"):
        if not alternative.strip():
            continue
        match = ALTERNATIVE.fullmatch(alternative.strip())
        if match[1] == "=":
            fraction = Decimal(1)
        elif match[2] is not None:
            fraction = Decimal(match[2].replace(",", ".")) / 100
        else:
            fraction = Decimal(0)
        text, *feedback = _split(match[3], "#")
        found.append((fraction, text, _unescape("#".join(feedback))))
    return found


def parse_gap(kind: str, spec: str, *, accent_sensitive: bool = False) -> tuple[str, dict]:
    """(gap type, gap body) of one embedded question; `accent_sensitive` for its short
    answers (Moodle's meaning: True; the builder's gap lines have a checkbox)."""
    answers = _alternatives(spec)
    if kind in SHORT:
        entries = []
        for fraction, text, feedback in answers:
            pattern, regex = wildcard_answer(re.sub(r"\\([^*])", r"\1", text).strip())
            entries.append(
                {"text": pattern, "fraction": fraction, "feedback": feedback, "regex": regex}
            )
        body = {"answers": entries, "case_sensitive": SHORT[kind]}
        if accent_sensitive:
            body["accent_sensitive"] = True
        return "short_answer", body
    if kind in NUMERIC:
        entries = []
        for fraction, text, feedback in answers:
            value, _sep, tolerance = _unescape(text).partition(":")
            if value.strip() == "*" and not fraction:
                continue  # Moodle's catch-all wrong answer: only feedback, never credit
            entries.append(
                {
                    "value": value,
                    "tolerance": tolerance or "0",
                    "fraction": fraction,
                    "feedback": feedback,
                }
            )
        return "numeric", {"answers": entries, "units": [], "unit_required": False}
    if kind in CHOICE:
        choices = [
            {"text": _unescape(text), "fraction": max(fraction, Decimal(0)), "feedback": feedback}
            for fraction, text, feedback in answers
        ]
        return "single_choice", {"choices": choices, "shuffle": CHOICE[kind]}
    raise Unsupported(_("El hueco de tipo %(kind)s no se admite.") % {"kind": kind})


def parse_cloze_text(text: str, *, accent_sensitive: bool = False) -> tuple[str, list[dict]]:
    """(text with {1}, {2}, ... markers, gaps) from a Moodle cloze question text."""
    gaps: list[dict] = []

    def replace(match: re.Match) -> str:
        gap_type, body = parse_gap(match[2], match[3], accent_sensitive=accent_sensitive)
        gaps.append({"type": gap_type, "body": body, "weight": int(match[1] or 1)})
        return f"{{{len(gaps)}}}"

    marked = EMBEDDED.sub(replace, text)
    if not gaps:
        raise Unsupported(_("El texto no tiene huecos con respuestas."))
    return marked, gaps


def _percent(fraction: str) -> str:
    return "=" if Decimal(fraction) == 1 else f"%{canonical(Decimal(fraction) * 100)}%"


def _feedback(text: str) -> str:
    return f"#{_escape(text)}" if text else ""


def write_gap(gap: dict) -> str:
    body = gap["body"]
    if gap["type"] == "single_choice":
        kind = "MCS" if body["shuffle"] else "MC"
        answers = [(c["fraction"], _escape(c["text"]), c["feedback"]) for c in body["choices"]]
    elif gap["type"] == "short_answer":
        kind = "SAC" if body["case_sensitive"] else "SA"
        answers = []
        for answer in body["answers"]:
            text = answer_as_wildcard(answer["text"], answer["regex"])
            if text is None:
                raise Unsupported(_("Moodle no admite expresiones regulares en las respuestas."))
            answers.append((answer["fraction"], _escape(text), answer["feedback"]))
    else:
        if body["units"]:
            raise Unsupported(_("Moodle no admite unidades en los huecos numéricos."))
        kind = "NM"
        answers = [
            (a["fraction"], f"{a['value']}:{a['tolerance']}", a["feedback"])
            for a in body["answers"]
        ]
    spec = "~".join(
        f"{_percent(fraction)}{text}{_feedback(feedback)}" for fraction, text, feedback in answers
    )
    return f"{{{gap['weight']}:{kind}:{spec}}}"


def write_cloze_text(body: dict) -> str:
    gaps = body["gaps"]
    return re.sub(r"\{(\d+)\}", lambda match: write_gap(gaps[int(match[1]) - 1]), body["text"])
