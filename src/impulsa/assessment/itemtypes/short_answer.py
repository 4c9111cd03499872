"""Short answer items: typed text compared without accents, case and extra spaces (or by regex)."""

from decimal import Decimal

import regex
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impulsa.assessment.itemtypes.base import ItemType
from impulsa.assessment.itemtypes.normalize import normalize_answer, strip_accents
from impulsa.assessment.itemtypes.outcome import ONE, best_match
from impulsa.assessment.itemtypes.values import (
    blank,
    dict_entry,
    flag_field,
    fraction_field,
    invalid_response,
    list_field,
    text_field,
)
from impulsa.core.errors import DomainError

MAX_RESPONSE_LENGTH = 1000
# Teachers write the patterns: the `regex` library's timeout stops a pattern that
# backtracks catastrophically from tying up a worker (the standard `re` has none).
MATCH_TIMEOUT_SECONDS = 0.05


def compile_pattern(pattern: str, *, case_sensitive: bool) -> regex.Pattern:
    """Responses are compared without accents, so the pattern's literal accents go too."""
    flags = regex.VERSION0 if case_sensitive else regex.VERSION0 | regex.IGNORECASE
    return regex.compile(strip_accents(pattern), flags)


def validate_short_answer(body: dict) -> dict:
    case_sensitive = flag_field(body, "case_sensitive", False, _("Distinguir mayúsculas"))
    answers = []
    for number, entry in enumerate(
        list_field(body, "answers", _("La lista de respuestas"), minimum=1), 1
    ):
        what = _("La respuesta %(n)s") % {"n": number}
        entry = dict_entry(entry, what)
        answer = {
            "text": text_field(entry.get("text"), what, required=True),
            "fraction": fraction_field(entry.get("fraction", "1"), what),
            "feedback": text_field(entry.get("feedback"), _("La retroalimentación")),
            "regex": flag_field(entry, "regex", False, _("Expresión regular")),
        }
        if answer["regex"]:
            try:
                compile_pattern(answer["text"], case_sensitive=case_sensitive)
            except regex.error:
                raise DomainError(
                    _("La respuesta %(n)s no es una expresión regular válida.") % {"n": number}
                ) from None
        answers.append(answer)
    if not any(Decimal(answer["fraction"]) == ONE for answer in answers):
        raise DomainError(_("Ninguna respuesta vale el 100 %."))
    return {"answers": answers, "case_sensitive": case_sensitive}


def matches(answer: dict, response: str, *, case_sensitive: bool) -> bool:
    typed = normalize_answer(response, case_sensitive=case_sensitive)
    if answer["regex"]:
        pattern = compile_pattern(answer["text"], case_sensitive=case_sensitive)
        try:
            return pattern.fullmatch(typed, timeout=MATCH_TIMEOUT_SECONDS) is not None
        except TimeoutError:
            return False
    return normalize_answer(answer["text"], case_sensitive=case_sensitive) == typed


def coerce_short_answer(body: dict, value) -> str:
    if not isinstance(value, str):
        raise invalid_response(_("se esperaba texto."))
    if len(value) > MAX_RESPONSE_LENGTH:
        raise invalid_response(_("el texto es demasiado largo."))
    return value


def score_short_answer(body: dict, response: str):
    hits = [
        answer
        for answer in body["answers"]
        if matches(answer, response, case_sensitive=body["case_sensitive"])
    ]
    return best_match(hits)


def short_answer_from_form(body: dict, data, prefix: str):
    value = data.get(f"{prefix}answer")
    return None if blank(value) else coerce_short_answer(body, value)


SHORT_ANSWER = ItemType(
    "short_answer",
    gettext_lazy("Respuesta corta"),
    validate_short_answer,
    coerce_short_answer,
    score_short_answer,
    short_answer_from_form,
)
