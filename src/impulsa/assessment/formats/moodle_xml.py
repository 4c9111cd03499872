"""Moodle XML: reading (here) and writing (moodle_xml_export) `<quiz><question type=...>` files."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from lxml import etree

from impulsa.assessment.formats import moodle_cloze, moodle_essay
from impulsa.assessment.formats.common import (
    FormatProblem,
    ItemFileInvalid,
    ParsedItem,
    checked_body,
    name_from_text,
    plain_to_html,
)
from impulsa.assessment.formats.moodle_xml_export import (
    CONVERT_UNITS,
    IGNORE_ACCENTS,
    NO_VARIANTS,
    UNSIMPLIFIED_CREDIT,
    export_moodle_xml,
)
from impulsa.assessment.formats.wildcards import wildcard_answer


class Unsupported(Exception):
    """One question cannot be read; the message is the Spanish reason."""


def _parser() -> etree.XMLParser:
    # No entities, no DTD, no network: XXE and entity bombs cannot reach anything.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _document(data: bytes):
    if isinstance(data, str):
        data = data.encode()
    file_name = _("(archivo)")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise ItemFileInvalid(
            [
                FormatProblem(
                    file_name, error.lineno, _("El XML está mal formado: %(e)s") % {"e": error.msg}
                )
            ]
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise ItemFileInvalid(
            [
                FormatProblem(
                    file_name,
                    1,
                    _("El archivo declara un DOCTYPE o entidades; por seguridad no se admite."),
                )
            ]
        )
    if root.tag != "quiz":
        raise ItemFileInvalid(
            [
                FormatProblem(
                    file_name,
                    root.sourceline,
                    _("El archivo no es un banco de Moodle (falta <quiz>)."),
                )
            ]
        )
    return root


def _content(element) -> str:
    """The text of a `<text>` element; markup written without CDATA is kept as markup."""
    if element is None:
        return ""
    inner = (element.text or "") + "".join(
        etree.tostring(child, encoding="unicode") for child in element
    )
    return inner.strip()


def _text(element, path: str = ".") -> str:
    found = element.find(path)
    return "" if found is None else _content(found.find("text"))


def _flag(element, path: str, default: bool) -> bool:
    value = element.findtext(path)
    return default if value is None else value.strip().lower() in ("1", "true")


def _fraction(answer) -> Decimal:
    raw = answer.get("fraction", "0")
    try:
        return Decimal(raw.strip()) / 100
    except InvalidOperation:
        raise Unsupported(_("La fracción «%(f)s» no es un número.") % {"f": raw}) from None


def _answers(question) -> list[tuple[Decimal, str, str]]:
    return [(_fraction(a), _text(a), _text(a, "feedback")) for a in question.findall("answer")]


def _multichoice(question) -> tuple[str, dict]:
    single = _flag(question, "single", True)
    choices = [
        # A penalty on a radio-button choice scores like 0: credit never goes below 0.
        {
            "text": text,
            "fraction": max(fraction, Decimal(0)) if single else fraction,
            "feedback": fb,
        }
        for fraction, text, fb in _answers(question)
    ]
    body = {"choices": choices, "shuffle": _flag(question, "shuffleanswers", True)}
    return ("single_choice" if single else "multiple_choice"), body


def _truefalse(question) -> tuple[str, dict]:
    answers = _answers(question)
    by_text = {text.lower(): (fraction, fb) for fraction, text, fb in answers}
    if set(by_text) != {"true", "false"}:
        raise Unsupported(_("Verdadero o falso necesita las respuestas «true» y «false»."))
    return "true_false", {
        "answer": by_text["true"][0] == 1,
        "feedback_true": by_text["true"][1],
        "feedback_false": by_text["false"][1],
    }


def _shortanswer(question) -> tuple[str, dict]:
    entries = []
    for fraction, text, feedback in _answers(question):
        pattern, regex = wildcard_answer(text)
        entries.append(
            {"text": pattern, "fraction": fraction, "feedback": feedback, "regex": regex}
        )
    return "short_answer", {
        "answers": entries,
        "case_sensitive": _flag(question, "usecase", False),
        "accent_sensitive": _accents_count(question),
        "accept_variants": not _flag(question, NO_VARIANTS, False),
    }


def _accents_count(question) -> bool:
    """Moodle's short answers always compare accents (<usecase> is about case only);
    only a file we wrote can say otherwise."""
    return not _flag(question, IGNORE_ACCENTS, False)


def _numerical(question) -> tuple[str, dict]:
    entries = []
    for answer in question.findall("answer"):
        fraction, value = _fraction(answer), _text(answer)
        if value == "*" and not fraction:
            continue  # Moodle's catch-all wrong answer: only feedback, never credit
        entries.append(
            {
                "value": value,
                "tolerance": (answer.findtext("tolerance") or "0").strip(),
                "fraction": fraction,
                "feedback": _text(answer, "feedback"),
            }
        )
    units = [
        {
            "unit": (unit.findtext("unit_name") or "").strip(),
            "multiplier": (unit.findtext("multiplier") or "1").strip(),
        }
        for unit in question.findall("units/unit")
    ]
    graded = (question.findtext("unitgradingtype") or "0").strip() not in ("", "0")
    body = {"answers": entries, "units": units, "unit_required": graded and bool(units)}
    if _flag(question, CONVERT_UNITS, False):
        body["convert_units"] = True
    credit = question.findtext(UNSIMPLIFIED_CREDIT)
    if credit is not None:
        body["unsimplified_credit"] = credit.strip()
    return "numeric", body


def _matching(question) -> tuple[str, dict]:
    pairs, distractors = [], []
    for sub in question.findall("subquestion"):
        left, right = _content(sub.find("text")), _text(sub, "answer")
        if left:
            pairs.append({"left": left, "right": right})
        else:
            distractors.append(right)  # Moodle: a subquestion without text is a distractor
    return "matching", {"pairs": pairs, "distractors": distractors}


def _ordering(question) -> tuple[str, dict]:
    return "ordering", {"items": [text for _f, text, _fb in _answers(question)]}


READERS = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "matching": _matching,
    "ordering": _ordering,
}
STEM_FORMATS = {
    "html": "html",
    "markdown": "markdown",
    "moodle_auto_format": "plain",
    "plain_text": "plain",
}


def parse_moodle_xml(data: bytes) -> list[ParsedItem]:
    """Every question of a Moodle XML file, or ItemFileInvalid listing every problem."""
    items, problems = [], []
    for question in _document(data).iterchildren("question"):
        kind = question.get("type", "")
        if kind == "category":
            continue
        stem = _text(question, "questiontext")
        name = _text(question, "name") or name_from_text(stem)
        try:
            item = _question(question, kind, name, stem)
        except (Unsupported, moodle_cloze.Unsupported, moodle_essay.Unsupported) as reason:
            problems.append(FormatProblem(name, question.sourceline, str(reason)))
            continue
        body = checked_body(item.type, item.body, name, item.line, problems)
        if body is not None:
            item.body = body
            items.append(item)
    if problems:
        raise ItemFileInvalid(problems)
    return items


def _question(question, kind: str, name: str, stem: str) -> ParsedItem:
    text_format = question.find("questiontext")
    source_format = STEM_FORMATS.get(
        "html" if text_format is None else text_format.get("format", "html"), "html"
    )
    convert = plain_to_html if source_format == "plain" else (lambda text: text)
    notes = []
    if kind == "essay":
        body, notes = moodle_essay.read_essay(question, convert(_text(question, "graderinfo")))
        item_type, stem = "essay", convert(stem)
    elif kind in ("cloze", "multianswer"):
        marked, gaps = moodle_cloze.parse_cloze_text(
            stem, accent_sensitive=_accents_count(question)
        )
        item_type, body, stem = "cloze", {"text": convert(marked), "gaps": gaps}, ""
    elif kind in READERS:
        item_type, body = READERS[kind](question)
        stem = convert(stem)
    else:
        raise Unsupported(_("El tipo de pregunta «%(kind)s» no se admite.") % {"kind": kind})
    return ParsedItem(
        type=item_type,
        name=name,
        stem=stem,
        stem_format="markdown" if source_format == "markdown" else "html",
        body=body,
        general_feedback=_text(question, "generalfeedback"),
        hints=[
            hint for hint in (_content(h.find("text")) for h in question.findall("hint")) if hint
        ],
        tags=[tag for tag in (_text(t) for t in question.findall("tags/tag")) if tag],
        line=question.sourceline,
        notes=notes,
    )


__all__ = ["export_moodle_xml", "parse_moodle_xml"]
