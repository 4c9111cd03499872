"""Single choice: pick one option."""

from django.utils.translation import gettext_lazy

from impulsa.assessment.itemtypes.base import ItemType
from impulsa.assessment.itemtypes.single_choice import display, scoring
from impulsa.assessment.itemtypes.single_choice.editor import SingleChoiceEditor

SINGLE_CHOICE = ItemType(
    code="single_choice",
    label=gettext_lazy("Opción única"),
    validate=scoring.validate,
    coerce=scoring.coerce,
    score=scoring.score,
    from_form=scoring.from_form,
    warnings=scoring.warnings,
    editor=SingleChoiceEditor,
    answer_fields=display.answer_fields,
    preview=display.preview,
)
