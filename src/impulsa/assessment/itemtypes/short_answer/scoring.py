"""Short answer items: typed text compared without extra spaces, and, unless the item
says otherwise, without accents and case (or by regex)."""

import unicodedata
from decimal import Decimal

import regex
from django.utils.translation import gettext as _

from impulsa.assessment.itemtypes import budget, variants
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
# backtracks catastrophically (the standard `re` has none). One match may take at most
# this; all matches of one scoring call share budget.SCORING_BUDGET_SECONDS.
MATCH_TIMEOUT_SECONDS = 0.05
# Enforced when an item is saved or imported (a cloze counts all its gaps); scoring
# tries no more than this many patterns even for an item saved before the cap.
MAX_REGEX_ANSWERS = 10


def _settings(body: dict) -> dict:
    # Bodies saved before accents became a setting lack the key: accents never counted.
    return {
        "case_sensitive": body["case_sensitive"],
        "accent_sensitive": body.get("accent_sensitive", False),
    }


def compile_pattern(
    pattern: str, *, case_sensitive: bool, accent_sensitive: bool = False
) -> regex.Pattern:
    """Responses are compared without accents unless they count, so the pattern's
    literal accents go too."""
    flags = regex.VERSION0 if case_sensitive else regex.VERSION0 | regex.IGNORECASE
    text = unicodedata.normalize("NFC", pattern) if accent_sensitive else strip_accents(pattern)
    return regex.compile(text, flags)


def _comparison(settings: dict) -> str:
    if settings["accent_sensitive"] and settings["case_sensitive"]:
        return _("solo sin contar espacios de más")
    if settings["accent_sensitive"]:
        return _("sin contar mayúsculas")
    if settings["case_sensitive"]:
        return _("sin contar acentos")
    return _("sin contar acentos ni mayúsculas")


def _refuse_merged_answers(answers: list[dict], settings: dict) -> None:
    """Two plain answers that compare equal but give different credit: the lower one
    can never apply (the best match wins), which is never what the author meant."""
    seen: dict[str, tuple[int, str]] = {}
    for number, answer in enumerate(answers, 1):
        if answer["regex"]:
            continue
        key = normalize_answer(answer["text"], **settings)
        first = seen.setdefault(key, (number, answer["fraction"]))
        if Decimal(first[1]) != Decimal(answer["fraction"]):
            raise DomainError(
                _(
                    "Las respuestas %(a)s y %(b)s son la misma al comparar (%(how)s) pero dan "
                    "crédito distinto: deja una sola, o haz que cuenten los acentos o las "
                    "mayúsculas."
                )
                % {"a": first[0], "b": number, "how": _comparison(settings)}
            )


def _answer(entry, number: int, settings: dict) -> dict:
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
            compile_pattern(answer["text"], **settings)
        except regex.error:
            raise DomainError(
                _("La respuesta %(n)s no es una expresión regular válida.") % {"n": number}
            ) from None
    return answer


def regex_count(body: dict) -> int:
    return sum(1 for answer in body["answers"] if answer["regex"])


def refuse_too_many_patterns(count: int) -> None:
    if count > MAX_REGEX_ANSWERS:
        raise DomainError(
            _(
                "Una pregunta admite hasta %(max)s respuestas con expresión regular y esta "
                "tiene %(n)s: junta varias en una sola con «|»."
            )
            % {"max": MAX_REGEX_ANSWERS, "n": count}
        )


def validate(body: dict) -> dict:
    settings = {
        "case_sensitive": flag_field(body, "case_sensitive", False, _("Distinguir mayúsculas")),
        "accent_sensitive": flag_field(body, "accent_sensitive", False, _("Distinguir acentos")),
    }
    entries = list_field(body, "answers", _("La lista de respuestas"), minimum=1)
    answers = [_answer(entry, number, settings) for number, entry in enumerate(entries, 1)]
    if not any(Decimal(answer["fraction"]) == ONE for answer in answers):
        raise DomainError(_("Ninguna respuesta vale el 100 %."))
    refuse_too_many_patterns(sum(1 for answer in answers if answer["regex"]))
    _refuse_merged_answers(answers, settings)
    validated = {"answers": answers, "case_sensitive": settings["case_sensitive"]}
    # Only written when on: bodies saved before the setting stay identical, so editing
    # an old item without changes does not make a new version.
    if settings["accent_sensitive"]:
        validated["accent_sensitive"] = True
    if not flag_field(body, "accept_variants", True, _("Aceptar variantes comunes")):
        validated["accept_variants"] = False
    return validated


def _pattern_matches(answer: dict, typed: str, settings: dict) -> bool | None:
    """True/False, or None when the budget ran out (no further pattern is tried)."""
    left = budget.remaining()
    if left <= 0:
        return None
    pattern = compile_pattern(answer["text"], **settings)
    try:
        return pattern.fullmatch(typed, timeout=min(left, MATCH_TIMEOUT_SECONDS)) is not None
    except TimeoutError:
        return False if budget.remaining() > 0 else None


def coerce(body: dict, value) -> str:
    if not isinstance(value, str):
        raise invalid_response(_("se esperaba texto."))
    if len(value) > MAX_RESPONSE_LENGTH:
        raise invalid_response(_("el texto es demasiado largo."))
    return value


def score(body: dict, response: str):
    """Answers in their order: plain ones are cheap and always compared; patterns share
    the call's time budget, and once it is spent no further pattern is tried."""
    settings = _settings(body)
    typed = normalize_answer(response, **settings)
    hits = []
    patterns_tried = 0
    with budget.scoring_budget():
        for answer in body["answers"]:
            if not answer["regex"]:
                if normalize_answer(answer["text"], **settings) == typed:
                    hits.append(answer)
                continue
            if patterns_tried >= MAX_REGEX_ANSWERS:
                continue
            patterns_tried += 1
            matched = _pattern_matches(answer, typed, settings)
            if matched is None:
                patterns_tried = MAX_REGEX_ANSWERS  # budget spent: plain answers only
            elif matched:
                hits.append(answer)
    if not hits and body.get("accept_variants", True):
        hits = [
            answer
            for answer in body["answers"]
            if not answer["regex"]
            and variants.is_variant(typed, normalize_answer(answer["text"], **settings))
        ]
    return best_match(hits)


def from_form(body: dict, data, prefix: str):
    value = data.get(f"{prefix}answer")
    return None if blank(value) else coerce(body, value)
