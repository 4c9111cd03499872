"""Writing items as Moodle XML; what Moodle cannot carry is left out and reported."""

from decimal import Decimal

from django.utils.translation import gettext as _
from lxml import etree

from impulsa.assessment.formats import moodle_cloze, moodle_essay
from impulsa.assessment.formats.common import (
    ExportResult,
    FormatProblem,
    export_label,
)
from impulsa.assessment.formats.wildcards import answer_as_wildcard
from impulsa.assessment.itemtypes.values import canonical

MOODLE_TYPES = {
    "single_choice": "multichoice",
    "multiple_choice": "multichoice",
    "true_false": "truefalse",
    "short_answer": "shortanswer",
    "numeric": "numerical",
    "matching": "matching",
    "ordering": "ordering",
    "cloze": "cloze",
    "essay": "essay",
}


# Our own element, which Moodle ignores: written when accents do not count, so a file
# read back here keeps the setting (Moodle itself always compares accents).
IGNORE_ACCENTS = "impulsa_ignoreaccents"
# Likewise for settings Moodle has no word for (written only when not at their default).
NO_VARIANTS = "impulsa_novariants"
CONVERT_UNITS = "impulsa_convertunits"
UNSIMPLIFIED_CREDIT = "impulsa_unsimplifiedcredit"


class CannotExport(Exception):
    """The item cannot be written; the message is the Spanish reason."""


def export_moodle_xml(items) -> ExportResult:
    root = etree.Element("quiz")
    skipped = []
    for item in items:
        name, line = export_label(item)
        try:
            question = _question(item)
        except (CannotExport, moodle_cloze.Unsupported) as reason:
            skipped.append(FormatProblem(name, line, str(reason)))
            continue
        except ValueError:  # lxml refuses control characters XML cannot hold
            skipped.append(FormatProblem(name, line, _("Tiene caracteres que XML no admite.")))
            continue
        root.append(question)
        if _ignores_accents(item):
            skipped.append(
                FormatProblem(
                    name,
                    line,
                    _(
                        "Moodle siempre distingue los acentos: allí «árbol» y «arbol» serán "
                        "respuestas distintas (Impulsa sí lee el ajuste del archivo)."
                    ),
                )
            )
    content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return ExportResult(content, skipped)


def _ignores_accents(item) -> bool:
    """A short answer (or cloze gap) graded without accents, which Moodle cannot say."""
    if item.type == "short_answer":
        bodies = [item.body]
    elif item.type == "cloze":
        bodies = [g["body"] for g in item.body["gaps"] if g["type"] == "short_answer"]
    else:
        bodies = []
    return any(not body.get("accent_sensitive", False) for body in bodies)


def _child(parent, tag: str, value: str | None = None):
    element = etree.SubElement(parent, tag)
    if value is not None:
        element.text = value
    return element


def _texted(parent, tag: str, text: str, text_format: str | None = None):
    element = _child(parent, tag)
    if text_format:
        element.set("format", text_format)
    _child(element, "text", text)
    return element


def _percent(fraction: str) -> str:
    return canonical(Decimal(fraction) * 100)


def _answer(parent, fraction: str, text: str, feedback: str, text_format: str):
    answer = _texted(parent, "answer", text, text_format)
    answer.set("fraction", _percent(fraction))
    _texted(answer, "feedback", feedback, text_format)
    return answer


def _question(item):
    text_format = "html" if item.stem_format == "html" else "markdown"
    if item.type not in MOODLE_TYPES:
        raise CannotExport(_("Moodle XML no tiene este tipo de pregunta."))
    question = etree.Element("question", type=MOODLE_TYPES[item.type])
    _texted(question, "name", item.name)
    stem = item.stem
    if item.type == "cloze":
        embedded = moodle_cloze.write_cloze_text(item.body)
        stem = f"{stem}\n{embedded}" if stem else embedded
    _texted(question, "questiontext", stem, text_format)
    _texted(question, "generalfeedback", item.general_feedback, text_format)
    _child(question, "defaultgrade", moodle_essay.default_grade(item))
    _child(question, "penalty", "0")
    _child(question, "hidden", "0")
    WRITERS.get(item.type, lambda *_args: None)(question, item.body, text_format)
    if _ignores_accents(item):
        _child(question, IGNORE_ACCENTS, "1")
    for hint in item.hints:
        _texted(question, "hint", hint, text_format)
    if item.tags:
        tags = _child(question, "tags")
        for tag in item.tags:
            _texted(tags, "tag", tag)
    return question


def _choices(question, body: dict, text_format: str, *, single: bool):
    _child(question, "single", "true" if single else "false")
    _child(question, "shuffleanswers", "true" if body["shuffle"] else "false")
    _child(question, "answernumbering", "abc")
    for choice in body["choices"]:
        _answer(question, choice["fraction"], choice["text"], choice["feedback"], text_format)


def _true_false(question, body: dict, text_format: str):
    _answer(question, "1" if body["answer"] else "0", "true", body["feedback_true"], text_format)
    _answer(question, "0" if body["answer"] else "1", "false", body["feedback_false"], text_format)


def _short_answer(question, body: dict, text_format: str):
    _child(question, "usecase", "1" if body["case_sensitive"] else "0")
    for answer in body["answers"]:
        text = answer_as_wildcard(answer["text"], answer["regex"])
        if text is None:
            raise CannotExport(_("Moodle no admite expresiones regulares en las respuestas."))
        _answer(question, answer["fraction"], text, answer["feedback"], "moodle_auto_format")
    if not body.get("accept_variants", True):
        _child(question, NO_VARIANTS, "1")


def _numeric(question, body: dict, text_format: str):
    for entry in body["answers"]:
        answer = _answer(
            question, entry["fraction"], entry["value"], entry["feedback"], "moodle_auto_format"
        )
        _child(answer, "tolerance", entry["tolerance"])
    if body["units"]:
        units = _child(question, "units")
        for entry in body["units"]:
            unit = _child(units, "unit")
            _child(unit, "multiplier", entry["multiplier"])
            _child(unit, "unit_name", entry["unit"])
    # A required unit that is missing costs the whole credit, as in our scoring.
    _child(question, "unitgradingtype", "1" if body["unit_required"] else "0")
    _child(question, "unitpenalty", "1")
    _child(question, "showunits", "0" if body["units"] else "3")
    _child(question, "unitsleft", "0")
    if body.get("convert_units"):
        _child(question, CONVERT_UNITS, "1")
    if "unsimplified_credit" in body:
        _child(question, UNSIMPLIFIED_CREDIT, body["unsimplified_credit"])


def _matching(question, body: dict, text_format: str):
    _child(question, "shuffleanswers", "true")
    rows = [(pair["left"], pair["right"]) for pair in body["pairs"]]
    for left, right in [*rows, *(("", distractor) for distractor in body["distractors"])]:
        sub = _texted(question, "subquestion", left, text_format)
        _texted(sub, "answer", right)


def _ordering(question, body: dict, text_format: str):
    _child(question, "layouttype", "VERTICAL")
    _child(question, "selecttype", "ALL")
    _child(question, "selectcount", "0")
    # Moodle's grading that counts right neighbours, like ours.
    _child(question, "gradingtype", "RELATIVE_NEXT_EXCLUDE_LAST")
    _child(question, "showgrading", "SHOW")
    for position, text in enumerate(body["items"], 1):
        answer = _texted(question, "answer", text, text_format)
        answer.set("fraction", str(position))


WRITERS = {
    "single_choice": lambda q, b, f: _choices(q, b, f, single=True),
    "multiple_choice": lambda q, b, f: _choices(q, b, f, single=False),
    "true_false": _true_false,
    "short_answer": _short_answer,
    "numeric": _numeric,
    "matching": _matching,
    "ordering": _ordering,
    "essay": lambda q, b, f: moodle_essay.write_essay(q, b, f, _child, _texted),
}
