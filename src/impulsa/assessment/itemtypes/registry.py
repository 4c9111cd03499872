"""Every item type of the bank, by code: the one list a new type is added to.

The bank (builder, preview, filters), the player and the formats' validation look
types up here; what a type does lives in its folder (itemtypes/<code>/) and its
templates (templates/assessment/itemtypes/<code>/).
"""

from impulsa.assessment.itemtypes.base import ItemType
from impulsa.assessment.itemtypes.cloze import CLOZE
from impulsa.assessment.itemtypes.essay import ESSAY
from impulsa.assessment.itemtypes.matching import MATCHING
from impulsa.assessment.itemtypes.multiple_choice import MULTIPLE_CHOICE
from impulsa.assessment.itemtypes.numeric import NUMERIC
from impulsa.assessment.itemtypes.ordering import ORDERING
from impulsa.assessment.itemtypes.short_answer import SHORT_ANSWER
from impulsa.assessment.itemtypes.single_choice import SINGLE_CHOICE
from impulsa.assessment.itemtypes.true_false import TRUE_FALSE

# In the order the builder offers them.
TYPES: dict[str, ItemType] = {
    kind.code: kind
    for kind in (
        SINGLE_CHOICE,
        MULTIPLE_CHOICE,
        TRUE_FALSE,
        NUMERIC,
        SHORT_ANSWER,
        MATCHING,
        ORDERING,
        CLOZE,
        ESSAY,
    )
}
TYPE_LABELS = {code: kind.label for code, kind in TYPES.items()}


def editor_for(item_type: str, data=None, body=None):
    """The builder's part for a type (a BodyEditor), bound to `data` when posted."""
    kind = TYPES[item_type]
    return kind.editor(kind, data, body)
