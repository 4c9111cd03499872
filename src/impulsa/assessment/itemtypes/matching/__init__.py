"""Matching: relate two columns."""

from django.utils.translation import gettext_lazy

from impulsa.assessment.itemtypes.base import ItemType
from impulsa.assessment.itemtypes.matching import display, scoring
from impulsa.assessment.itemtypes.matching.editor import MatchingEditor

MATCHING = ItemType(
    code="matching",
    label=gettext_lazy("Relacionar columnas"),
    validate=scoring.validate,
    coerce=scoring.coerce,
    score=scoring.score,
    from_form=scoring.from_form,
    editor=MatchingEditor,
    answer_fields=display.answer_fields,
    preview=display.preview,
    read_form=display.read_form,
    mask_size=display.mask_size,
)
