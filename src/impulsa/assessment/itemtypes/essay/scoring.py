"""Open answers (essays): the student writes, a teacher grades with the item's rubric.

The body holds the rubric (criteria, each with levels: a label and Decimal points),
optional word limits and a model answer for graders (never shown to students).
Scoring cannot be automatic: every response is `pending` until graded, and the
grade is the rubric's points over its maximum (`rubric_outcome`).
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from impulsa.assessment.itemtypes.outcome import Outcome, needs_grading, outcome
from impulsa.assessment.itemtypes.values import (
    blank,
    canonical,
    decimal_field,
    dict_entry,
    invalid_response,
    list_field,
    text_field,
)
from impulsa.core.errors import DomainError

MAX_RESPONSE_CHARS = 20_000
MAX_CRITERIA = 12
MAX_LEVELS = 6
MAX_POINTS = Decimal(1000)
MAX_WORDS = 5_000
MAX_LABEL_CHARS = 200
# What an import gives an essay that brings no rubric of its own (Moodle's and GIFT's
# essays carry only a mark out of their default grade).
GLOBAL_CRITERION = "Calificación global"
GLOBAL_LEVELS = ("Sin crédito", "Un cuarto", "La mitad", "Tres cuartos", "Completa")


def _too_long(value: str, what: str, limit: int) -> None:
    if len(value) > limit:
        raise DomainError(_("%(what)s pasa de %(max)s caracteres.") % {"what": what, "max": limit})


def _level(entry, criterion: int, number: int) -> dict:
    what = _("El nivel %(n)s del criterio %(c)s") % {"n": number, "c": criterion}
    entry = dict_entry(entry, what)
    label = text_field(entry.get("label"), what, required=True)
    _too_long(label, what, MAX_LABEL_CHARS)
    points = decimal_field(entry.get("points"), _("Los puntos de %(what)s") % {"what": what}, low=0)
    if Decimal(points) > MAX_POINTS:
        raise DomainError(
            _("%(what)s vale más de %(max)s puntos.") % {"what": what, "max": MAX_POINTS}
        )
    return {"label": label, "points": points}


def _criterion(entry, number: int) -> dict:
    what = _("El criterio %(n)s") % {"n": number}
    entry = dict_entry(entry, what)
    name = text_field(entry.get("name"), what, required=True)
    _too_long(name, what, MAX_LABEL_CHARS)
    levels = list_field(entry, "levels", _("Los niveles de %(what)s") % {"what": what}, minimum=2)
    if len(levels) > MAX_LEVELS:
        raise DomainError(
            _("%(what)s tiene %(n)s niveles; el máximo es %(max)s.")
            % {"what": what, "n": len(levels), "max": MAX_LEVELS}
        )
    return {"name": name, "levels": [_level(e, number, n) for n, e in enumerate(levels, 1)]}


def _word_limit(body: dict, key: str, what: str) -> int | None:
    value = body.get(key)
    if blank(value):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_WORDS:
        raise DomainError(
            _("%(what)s debe ser un número entero de 1 a %(max)s.")
            % {"what": what, "max": MAX_WORDS}
        )
    return value


def validate(body: dict) -> dict:
    entries = list_field(body, "rubric", _("La rúbrica"), minimum=1)
    if len(entries) > MAX_CRITERIA:
        raise DomainError(
            _("La rúbrica tiene %(n)s criterios; el máximo es %(max)s.")
            % {"n": len(entries), "max": MAX_CRITERIA}
        )
    rubric = [_criterion(entry, number) for number, entry in enumerate(entries, 1)]
    if max_points({"rubric": rubric}) <= 0:
        raise DomainError(_("La rúbrica no da ningún punto: algún nivel debe valer más de 0."))
    model_answer = text_field(body.get("model_answer"), _("La respuesta modelo"))
    _too_long(model_answer, _("La respuesta modelo"), MAX_RESPONSE_CHARS)
    validated = {"rubric": rubric, "model_answer": model_answer}
    low = _word_limit(body, "min_words", _("El mínimo de palabras"))
    high = _word_limit(body, "max_words", _("El máximo de palabras"))
    if low is not None and high is not None and low > high:
        raise DomainError(_("El mínimo de palabras es mayor que el máximo."))
    # Written only when set, so an essay without limits has one spelling.
    if low is not None:
        validated["min_words"] = low
    if high is not None:
        validated["max_words"] = high
    return validated


def global_rubric(max_grade: Decimal) -> list[dict]:
    """The rubric of an imported essay that brings none: one criterion worth its whole
    mark, in quarters (Moodle grades an essay as one mark out of its default grade)."""
    quarters = (Decimal(0), Decimal("0.25"), Decimal("0.5"), Decimal("0.75"), Decimal(1))
    return [
        {
            "name": GLOBAL_CRITERION,
            "levels": [
                {"label": label, "points": canonical(max_grade * share)}
                for label, share in zip(GLOBAL_LEVELS, quarters, strict=True)
            ],
        }
    ]


def max_points(body: dict) -> Decimal:
    """The most a response can earn: the best level of every criterion."""
    return sum(
        (max(Decimal(level["points"]) for level in c["levels"]) for c in body["rubric"]),
        Decimal(0),
    )


def word_count(text: str) -> int:
    return len(text.split())


def coerce(body: dict, value) -> str:
    """The text as written (line breaks unified). Word limits are told to the student
    and shown to the grader, never refused: an answer saved as it is being written
    must never be lost for being short or long."""
    if not isinstance(value, str):
        raise invalid_response(_("se esperaba texto."))
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if len(value) > MAX_RESPONSE_CHARS:
        raise invalid_response(
            _("el texto pasa de %(max)s caracteres.") % {"max": f"{MAX_RESPONSE_CHARS:,}"}
        )
    return value


def score(body: dict, response: str) -> Outcome:
    return needs_grading()


def from_form(body: dict, data, prefix: str):
    value = data.get(f"{prefix}answer")
    return None if blank(value) else coerce(body, value)


def rubric_levels(body: dict, chosen) -> list[int]:
    """The level index chosen for each criterion, checked against the rubric (a list
    with one entry per criterion, each an index or a string of digits)."""
    criteria = body["rubric"]
    if not isinstance(chosen, list | tuple) or len(chosen) != len(criteria):
        raise DomainError(_("Elige un nivel en cada criterio de la rúbrica."))
    levels = []
    for number, (criterion, value) in enumerate(zip(criteria, chosen, strict=True), 1):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int):
            raise DomainError(
                _("Elige un nivel en el criterio %(n)s («%(name)s»).")
                % {"n": number, "name": criterion["name"]}
            )
        if not 0 <= value < len(criterion["levels"]):
            raise DomainError(
                _("El criterio %(n)s («%(name)s») no tiene ese nivel.")
                % {"n": number, "name": criterion["name"]}
            )
        levels.append(value)
    return levels


def rubric_points(body: dict, levels: list[int]) -> Decimal:
    return sum(
        (Decimal(c["levels"][i]["points"]) for c, i in zip(body["rubric"], levels, strict=True)),
        Decimal(0),
    )


def rubric_outcome(body: dict, levels: list[int]) -> Outcome:
    """The grade of checked levels: points over the rubric's maximum, quantized."""
    return outcome(rubric_points(body, levels) / max_points(body))
