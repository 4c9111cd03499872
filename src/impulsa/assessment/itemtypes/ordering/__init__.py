"""Ordering: put entries in sequence."""

from django.utils.translation import gettext_lazy

from impulsa.assessment.itemtypes.base import ItemType
from impulsa.assessment.itemtypes.ordering import display, scoring
from impulsa.assessment.itemtypes.ordering.editor import OrderingEditor

ORDERING = ItemType(
    code="ordering",
    label=gettext_lazy("Ordenar"),
    validate=scoring.validate,
    coerce=scoring.coerce,
    score=scoring.score,
    from_form=scoring.from_form,
    editor=OrderingEditor,
    answer_fields=display.answer_fields,
    preview=display.preview,
    read_form=display.read_form,
    mask_size=display.mask_size,
)
