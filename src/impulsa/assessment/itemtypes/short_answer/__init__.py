"""Typed text compared without extra spaces, accents and case unless the item says so (or by regex)."""

from django.utils.translation import gettext_lazy

from impulsa.assessment.itemtypes.base import ItemType
from impulsa.assessment.itemtypes.short_answer import display, scoring
from impulsa.assessment.itemtypes.short_answer.editor import ShortAnswerEditor

SHORT_ANSWER = ItemType(
    code="short_answer",
    label=gettext_lazy("Respuesta corta"),
    validate=scoring.validate,
    coerce=scoring.coerce,
    score=scoring.score,
    from_form=scoring.from_form,
    editor=ShortAnswerEditor,
    answer_fields=display.answer_fields,
    preview=display.preview,
)
