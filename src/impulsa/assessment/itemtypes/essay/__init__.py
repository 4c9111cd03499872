"""Open answer (essay): written text, graded afterwards by a teacher with a rubric."""

from django.utils.translation import gettext_lazy

from impulsa.assessment.itemtypes.base import ItemType
from impulsa.assessment.itemtypes.essay import display, scoring
from impulsa.assessment.itemtypes.essay.editor import EssayEditor

ESSAY = ItemType(
    code="essay",
    label=gettext_lazy("Respuesta abierta"),
    validate=scoring.validate,
    coerce=scoring.coerce,
    score=scoring.score,
    from_form=scoring.from_form,
    editor=EssayEditor,
    answer_fields=display.answer_fields,
    preview=display.preview,
)
