"""The queue's filters and the rubric form (one radio group per criterion)."""

import contextlib
import uuid

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impulsa.assessment.grading.services import MAX_COMMENT_CHARS

# Query-string names, kept from the queue to each answer and back.
ACTIVITY, GROUP, ANONYMOUS = "actividad", "grupo", "anonimo"


def queue_filters(params) -> dict:
    """The queue's filters read leniently from a query string: an unknown value is
    no filter (the answers are scoped by the access rule whatever is asked)."""
    filters = {"activity_key": None, "group_id": None}
    with contextlib.suppress(ValueError):
        filters["activity_key"] = uuid.UUID(params.get(ACTIVITY, ""))
    group = params.get(GROUP, "")
    if group.isdigit() and len(group) < 10:
        filters["group_id"] = int(group)
    return filters


def is_anonymous(params) -> bool:
    return params.get(ANONYMOUS) == "1"


class QueueFilterForm(forms.Form):
    actividad = forms.ChoiceField(label=gettext_lazy("Actividad"), required=False)
    grupo = forms.ChoiceField(label=gettext_lazy("Grupo"), required=False)
    anonimo = forms.BooleanField(
        label=gettext_lazy("Calificar sin ver nombres"),
        required=False,
        help_text=gettext_lazy(
            "Cada respuesta lleva un código; verás el nombre del alumno solo después de guardar."
        ),
    )

    def __init__(self, data, *, activities, groups):
        super().__init__(data)
        self.fields[ACTIVITY].choices = [("", _("Todas")), *activities]
        self.fields[GROUP].choices = [("", _("Todos")), *groups]
        # A checkbox posts "on"; the links between pages carry "1".
        self.fields[ANONYMOUS].widget.attrs["value"] = "1"


class GradeForm(forms.Form):
    """Criterion fields `c0`, `c1`, …: the index of the chosen level."""

    comment = forms.CharField(
        label=gettext_lazy("Comentario"),
        required=False,
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, data=None, *, rubric: list[dict], initial_levels=None, comment=""):
        super().__init__(data, initial={"comment": comment})
        for number, criterion in enumerate(rubric):
            self.fields[f"c{number}"] = forms.TypedChoiceField(
                label=criterion["name"],
                choices=[
                    (str(index), _("%(label)s (%(points)s pts)") % level_names(level))
                    for index, level in enumerate(criterion["levels"])
                ],
                coerce=int,
                widget=forms.RadioSelect(attrs={"data-points-criterion": str(number)}),
                error_messages={
                    "required": _("Elige un nivel en «%(name)s».") % {"name": criterion["name"]}
                },
            )
            if initial_levels and number < len(initial_levels):
                self.fields[f"c{number}"].initial = str(initial_levels[number])
        self.order_fields([*(f"c{n}" for n in range(len(rubric))), "comment"])
        self.criteria_count = len(rubric)

    def criterion_fields(self):
        return [self[f"c{n}"] for n in range(self.criteria_count)]

    def levels(self) -> list[int]:
        return [self.cleaned_data[f"c{n}"] for n in range(self.criteria_count)]


def level_names(level: dict) -> dict:
    return {"label": level["label"], "points": level["points"]}
