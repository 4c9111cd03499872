"""Moodle XML essays (`<question type="essay">`), both ways.

Moodle grades an essay as one mark out of its `defaultgrade`; we grade with a rubric
whose maximum plays that part. A file from Moodle brings no rubric: the essay gets
one criterion, «Calificación global», from 0 to the default grade. We write the
rubric in an element of our own (Moodle ignores it), so our files come back whole.
`graderinfo` is the model answer for graders; the word limits keep their meaning;
what we cannot honour (the response box's format and height, attachments, a response
template) is left out with a note.
"""

import json
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from impulsa.assessment.itemtypes.essay import scoring
from impulsa.assessment.itemtypes.values import canonical

RUBRIC = "impulsa_rubric"
BOX_LINES = "15"
MAX_RUBRIC_CHARS = 100_000


class Unsupported(Exception):
    """The essay cannot be read; the message is the Spanish reason."""


def _default_grade(question) -> Decimal:
    raw = (question.findtext("defaultgrade") or "1").strip()
    try:
        grade = Decimal(raw)
    except InvalidOperation:
        raise Unsupported(_("La calificación «%(g)s» no es un número.") % {"g": raw}) from None
    if not grade.is_finite() or not 0 < grade <= scoring.MAX_POINTS:
        raise Unsupported(
            _("La calificación de un ensayo debe estar entre 0 y %(max)s (es %(g)s).")
            % {"max": scoring.MAX_POINTS, "g": raw}
        )
    return grade


def _our_rubric(question) -> list | None:
    raw = question.findtext(RUBRIC)
    if raw is None:
        return None
    if len(raw) > MAX_RUBRIC_CHARS:
        raise Unsupported(_("La rúbrica del archivo es demasiado grande."))
    try:
        rubric = json.loads(raw)
    except ValueError:
        raise Unsupported(_("La rúbrica del archivo no se entiende (no es JSON).")) from None
    return rubric


def _word_limit(question, tag: str):
    value = (question.findtext(tag) or "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def _notes(question) -> list[str]:
    ignored = []
    response_format = (question.findtext("responseformat") or "plain").strip()
    if response_format not in ("plain", "monospaced"):
        ignored.append(
            _("el formato de respuesta «%(f)s» (aquí se escribe texto simple)")
            % {"f": response_format}
        )
    lines = (question.findtext("responsefieldlines") or BOX_LINES).strip()
    if lines != BOX_LINES:
        ignored.append(_("el alto del cuadro (%(n)s renglones)") % {"n": lines})
    attachments = (question.findtext("attachments") or "0").strip()
    if attachments not in ("0", ""):
        ignored.append(_("los archivos adjuntos (aquí no se suben archivos)"))
    template = question.find("responsetemplate/text")
    if template is not None and (template.text or "").strip():
        ignored.append(_("la plantilla de respuesta"))
    if not ignored:
        return []
    return [_("Se ignoró %(what)s.") % {"what": "; ".join(ignored)}]


def read_essay(question, model_answer: str) -> tuple[dict, list[str]]:
    """(body, notes) of an essay question; `model_answer` is its graderinfo text."""
    rubric = _our_rubric(question)
    body = {
        "rubric": rubric if rubric is not None else scoring.global_rubric(_default_grade(question)),
        "model_answer": model_answer,
        "min_words": _word_limit(question, "minwordlimit"),
        "max_words": _word_limit(question, "maxwordlimit"),
    }
    return body, _notes(question)


def default_grade(item) -> str:
    """Moodle's `defaultgrade`: an essay's maximum points, 1 for every other type."""
    if item.type != "essay":
        return "1"
    return canonical(scoring.max_points(item.body))


def write_essay(question, body: dict, text_format: str, child, texted) -> None:
    child(question, "responseformat", "plain")
    child(question, "responserequired", "1")
    child(question, "responsefieldlines", BOX_LINES)
    child(question, "minwordlimit", str(body.get("min_words") or ""))
    child(question, "maxwordlimit", str(body.get("max_words") or ""))
    child(question, "attachments", "0")
    child(question, "attachmentsrequired", "0")
    texted(question, "graderinfo", body["model_answer"], text_format)
    texted(question, "responsetemplate", "", text_format)
    child(question, RUBRIC, json.dumps(body["rubric"], ensure_ascii=False))
