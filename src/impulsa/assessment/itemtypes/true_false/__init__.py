"""True or false."""

from django.utils.translation import gettext_lazy

from impulsa.assessment.itemtypes.base import ItemType
from impulsa.assessment.itemtypes.true_false import scoring
from impulsa.assessment.itemtypes.true_false.editor import TrueFalseEditor


def answer_fields(body: dict, response, seed: str, text_format: str) -> dict:
    return {"value": None if response is None else ("true" if response else "false")}


def preview(body: dict, text_format: str) -> dict:
    return {"answer": body["answer"]}


TRUE_FALSE = ItemType(
    code="true_false",
    label=gettext_lazy("Verdadero o falso"),
    validate=scoring.validate,
    coerce=scoring.coerce,
    score=scoring.score,
    from_form=scoring.from_form,
    editor=TrueFalseEditor,
    answer_fields=answer_fields,
    preview=preview,
)
