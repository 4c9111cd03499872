"""A typed number (comma or point decimals) with tolerance and optional units."""

from django.utils.translation import gettext_lazy

from impulsa.assessment.itemtypes import numeric_rules
from impulsa.assessment.itemtypes.base import ItemType
from impulsa.assessment.itemtypes.numeric import display, scoring
from impulsa.assessment.itemtypes.numeric.editor import NumericEditor

NUMERIC = ItemType(
    code="numeric",
    label=gettext_lazy("Numérica"),
    validate=scoring.validate,
    coerce=scoring.coerce,
    score=scoring.score,
    from_form=scoring.from_form,
    editor=NumericEditor,
    answer_fields=display.answer_fields,
    preview=display.preview,
    warnings=numeric_rules.warnings,
)
