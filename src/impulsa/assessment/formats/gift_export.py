"""Writing items as GIFT; what GIFT cannot carry is left out and reported."""

from decimal import Decimal

from django.utils.translation import gettext as _

from impulsa.assessment.formats.common import (
    ExportResult,
    FormatProblem,
    export_label,
)
from impulsa.assessment.formats.wildcards import answer_as_wildcard
from impulsa.assessment.itemtypes.essay.scoring import global_rubric
from impulsa.assessment.itemtypes.values import canonical

SPECIAL = "~=#{}:"


class CannotExport(Exception):
    """The whole item cannot be written; the message is the Spanish reason."""


def escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace("\r", "")
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def export_gift(items) -> ExportResult:
    blocks, skipped = [], []
    for item in items:
        name, line = export_label(item)
        losses: list[str] = []
        try:
            blocks.append(_question(item, losses))
        except CannotExport as reason:
            skipped.append(FormatProblem(name, line, str(reason)))
            continue
        skipped.extend(FormatProblem(name, line, loss) for loss in losses)
    return ExportResult("\n\n".join(blocks) + ("\n" if blocks else ""), skipped)


def _question(item, losses: list[str]) -> str:
    if item.hints:
        losses.append(_("GIFT no guarda pistas; se omitieron."))
    tags = []
    for tag in item.tags:
        if "]" in tag or "\n" in tag:
            losses.append(_("La etiqueta «%(tag)s» no cabe en GIFT; se omitió.") % {"tag": tag})
        else:
            tags.append(f"[tag:{tag}]")
    stem, item_type, body = item.stem, item.type, item.body
    after = ""
    if item_type == "cloze":
        stem, item_type, body, after = _gap(item, losses)
    answers = _answers(item_type, body, losses)
    if item.general_feedback:
        answers += f"\n\t####{escape(item.general_feedback)}"
    marker = "[html]" if item.stem_format == "html" else "[markdown]"
    title = f"::{escape(item.name)}::" if item.name else ""
    close = "\n}" if "\n" in answers else "}"
    space = " " if stem and not stem.endswith((" ", "\n")) and not after else ""
    question = f"{title}{marker}{escape(stem)}{space}{{{answers}{close}{escape(after)}"
    return (f"// {' '.join(tags)}\n" if tags else "") + question


def _gap(item, losses: list[str]):
    """(text before, gap type, gap body, text after) of a one-gap cloze (GIFT's missing word)."""
    gaps = item.body["gaps"]
    if len(gaps) != 1 or gaps[0]["type"] == "numeric":
        raise CannotExport(_("GIFT solo admite un hueco, de opción única o respuesta corta."))
    before, _marker, after = item.body["text"].partition("{1}")
    if item.stem:
        before = f"{item.stem}\n{before}"
    # With nothing after the gap, GIFT reads the same thing as a plain question.
    return before, gaps[0]["type"], gaps[0]["body"], after


def _percent(fraction: str) -> str:
    return f"%{canonical(Decimal(fraction) * 100)}%"


def _answers(item_type: str, body: dict, losses: list[str]) -> str:
    writer = WRITERS.get(item_type)
    if writer is None:
        if item_type == "ordering":
            raise CannotExport(_("GIFT no tiene preguntas de ordenar."))
        raise CannotExport(_("GIFT no tiene este tipo de pregunta."))
    return writer(body, losses)


def _true_false(body: dict, losses: list[str]) -> str:
    answer = body["answer"]
    right, wrong = (
        (body["feedback_true"], body["feedback_false"])
        if answer
        else (body["feedback_false"], body["feedback_true"])
    )
    return f"{'TRUE' if answer else 'FALSE'}#{escape(wrong)}#{escape(right)}"


def _feedback(text: str) -> str:
    return f"#{escape(text)}" if text else ""


def _choices(item_type: str, body: dict, losses: list[str]) -> str:
    if not body["shuffle"]:
        losses.append(_("GIFT no guarda el orden fijo de las opciones; se barajarán."))
    lines = []
    # Only the first full-credit answer takes "=": with no "~" at all, GIFT reads short answer.
    first_right = True
    for choice in body["choices"]:
        fraction, text = Decimal(choice["fraction"]), choice["text"]
        if item_type == "single_choice" and fraction == 1 and first_right:
            marker = "=%100%" if text.startswith("%") else "="
            first_right = False
        elif fraction == 0:
            marker = "~%0%" if text.startswith("%") else "~"
        else:
            marker = "~" + _percent(choice["fraction"])
        lines.append(f"\n\t{marker}{escape(text)}{_feedback(choice['feedback'])}")
    return "".join(lines)


def _short_answers(body: dict, losses: list[str]) -> str:
    if body["case_sensitive"]:
        losses.append(_("GIFT no distingue mayúsculas; se calificará sin distinguirlas."))
    if body.get("accent_sensitive", False):
        losses.append(
            _("GIFT no guarda el ajuste de acentos: al importarla se calificará sin distinguirlos.")
        )
    lines = []
    for answer in body["answers"]:
        text = answer_as_wildcard(answer["text"], answer["regex"])
        if text is None:
            raise CannotExport(_("GIFT no admite expresiones regulares en las respuestas."))
        if "->" in text + answer["feedback"]:
            raise CannotExport(
                _("Una respuesta corta con «->» se leería como relacionar columnas.")
            )
        weight = (
            ""
            if answer["fraction"] == "1" and not text.startswith("%")
            else _percent(answer["fraction"])
        )
        lines.append(f"\n\t={weight}{escape(text)}{_feedback(answer['feedback'])}")
    return "".join(lines)


def _numeric(body: dict) -> str:
    if body["units"]:
        raise CannotExport(_("GIFT no admite unidades en las respuestas numéricas."))
    lines = [
        f"\n\t={_percent(answer['fraction'])}{answer['value']}:{answer['tolerance']}"
        f"{_feedback(answer['feedback'])}"
        for answer in body["answers"]
    ]
    return "#" + "".join(lines)


def _matching(body: dict, losses: list[str]) -> str:
    if body["distractors"]:
        losses.append(_("GIFT no admite distractores al relacionar columnas; se omitieron."))
    lines = []
    for pair in body["pairs"]:
        if "->" in pair["left"]:
            raise CannotExport(_("Un elemento de la izquierda contiene «->»."))
        lines.append(f"\n\t={escape(pair['left'])} -> {escape(pair['right'])}")
    return "".join(lines)


def _essay(body: dict, losses: list[str]) -> str:
    if body["rubric"] != global_rubric(Decimal(1)):
        losses.append(
            _(
                "GIFT no guarda la rúbrica: al importarla tendrá un solo criterio, "
                "«Calificación global», de 0 a 1 punto."
            )
        )
    if body["model_answer"]:
        losses.append(_("GIFT no guarda la respuesta modelo; se omitió."))
    if body.get("min_words") or body.get("max_words"):
        losses.append(_("GIFT no guarda los límites de palabras; se omitieron."))
    return ""


# GIFT's answer part per item type; a type missing here (ordering) is not exported.
WRITERS = {
    "single_choice": lambda body, losses: _choices("single_choice", body, losses),
    "multiple_choice": lambda body, losses: _choices("multiple_choice", body, losses),
    "true_false": _true_false,
    "short_answer": _short_answers,
    "numeric": lambda body, losses: _numeric(body),
    "matching": _matching,
    "essay": _essay,
}
