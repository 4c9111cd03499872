"""Cloze: a text with numbered gaps, each a small single choice, short answer or
numeric item. The text, in the body, is the question: no separate stem needed."""

from django.utils.translation import gettext_lazy

from impulsa.assessment.itemtypes.base import ItemType
from impulsa.assessment.itemtypes.cloze import display, scoring
from impulsa.assessment.itemtypes.cloze.editor import ClozeEditor

CLOZE = ItemType(
    code="cloze",
    label=gettext_lazy("Completar (cloze)"),
    validate=scoring.validate,
    coerce=scoring.coerce,
    score=scoring.score,
    from_form=scoring.from_form,
    warnings=scoring.warnings,
    editor=ClozeEditor,
    answer_fields=display.answer_fields,
    preview=display.preview,
    needs_stem=False,
)
