"""Multiple choice: pick any number of options; the student sees them as the single
choice type does (check boxes instead of radio buttons)."""

from django.utils.translation import gettext_lazy

from impulsa.assessment.itemtypes.base import ItemType
from impulsa.assessment.itemtypes.multiple_choice import scoring
from impulsa.assessment.itemtypes.multiple_choice.editor import MultipleChoiceEditor
from impulsa.assessment.itemtypes.single_choice import display

MULTIPLE_CHOICE = ItemType(
    code="multiple_choice",
    label=gettext_lazy("Opción múltiple"),
    validate=scoring.validate,
    coerce=scoring.coerce,
    score=scoring.score,
    from_form=scoring.from_form,
    editor=MultipleChoiceEditor,
    answer_fields=display.answer_fields,
    preview=display.preview,
)
