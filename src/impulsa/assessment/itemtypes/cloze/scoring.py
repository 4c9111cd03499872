"""Cloze items: a text with numbered gaps {1}, {2}, ..., each a small item of its own
(single choice, short answer or numeric: GAP_TYPES)."""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from impulsa.assessment.itemtypes.numeric import NUMERIC
from impulsa.assessment.itemtypes.outcome import ZERO, outcome
from impulsa.assessment.itemtypes.short_answer import SHORT_ANSWER
from impulsa.assessment.itemtypes.short_answer.scoring import (
    refuse_too_many_patterns,
    regex_count,
)
from impulsa.assessment.itemtypes.single_choice import SINGLE_CHOICE
from impulsa.assessment.itemtypes.values import (
    blank,
    dict_entry,
    invalid_response,
    list_field,
    text_field,
)
from impulsa.core.errors import DomainError

GAP_TYPES = {kind.code: kind for kind in (SINGLE_CHOICE, SHORT_ANSWER, NUMERIC)}
GAP_MARKER = re.compile(r"\{(\d+)\}")


def validate(body: dict) -> dict:
    text = text_field(body.get("text"), _("El texto con huecos"), required=True)
    gaps = []
    for number, entry in enumerate(list_field(body, "gaps", _("La lista de huecos"), minimum=1), 1):
        entry = dict_entry(entry, _("El hueco %(n)s") % {"n": number})
        kind = GAP_TYPES.get(entry.get("type"))
        if kind is None:
            raise DomainError(_("El hueco %(n)s tiene un tipo no admitido.") % {"n": number})
        try:
            gap_body = kind.validate(
                dict_entry(entry.get("body"), _("El hueco %(n)s") % {"n": number})
            )
        except DomainError as error:
            raise DomainError(
                _("Hueco %(n)s: %(problem)s") % {"n": number, "problem": error.message}
            ) from None
        weight = entry.get("weight", 1)
        if isinstance(weight, bool) or not isinstance(weight, int) or weight < 1:
            raise DomainError(
                _("El peso del hueco %(n)s debe ser un entero de 1 o más.") % {"n": number}
            )
        gaps.append({"type": kind.code, "body": gap_body, "weight": weight})
    refuse_too_many_patterns(
        sum(regex_count(gap["body"]) for gap in gaps if gap["type"] == SHORT_ANSWER.code)
    )
    markers = [int(found) for found in GAP_MARKER.findall(text)]
    if markers != list(range(1, len(gaps) + 1)):
        raise DomainError(
            _("El texto debe marcar los huecos {1} a {%(n)s}, cada uno una vez y en orden.")
            % {"n": len(gaps)}
        )
    return {"text": text, "gaps": gaps}


def coerce(body: dict, value) -> list:
    gaps = body["gaps"]
    if not isinstance(value, list | tuple) or len(value) != len(gaps):
        raise invalid_response(_("se esperaba una respuesta por hueco."))
    return [
        None if entry is None else GAP_TYPES[gap["type"]].coerce(gap["body"], entry)
        for gap, entry in zip(gaps, value, strict=True)
    ]


def score(body: dict, response: list):
    weighted = ZERO
    feedback = []
    for gap, entry in zip(body["gaps"], response, strict=True):
        if entry is None:
            continue
        result = GAP_TYPES[gap["type"]].score(gap["body"], entry)
        weighted += result.fraction * gap["weight"]
        feedback.extend(result.feedback)
    total_weight = sum(gap["weight"] for gap in body["gaps"])
    return outcome(weighted / Decimal(total_weight), feedback)


def warnings(body: dict) -> list[str]:
    return [
        _("Hueco %(n)s: %(warning)s") % {"n": number, "warning": warning}
        for number, gap in enumerate(body["gaps"], 1)
        for warning in GAP_TYPES[gap["type"]].warnings(gap["body"])
    ]


def from_form(body: dict, data, prefix: str):
    response = [
        GAP_TYPES[gap["type"]].from_form(gap["body"], data, f"{prefix}gap-{number}-")
        for number, gap in enumerate(body["gaps"], 1)
    ]
    return None if all(blank(entry) for entry in response) else response
