"""The builder's part for essays: the rubric (one row per criterion, its levels one
per line as «puntos | descripción»), the word limits and the model answer."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impulsa.assessment.itemtypes.editor import BodyEditor, Rows, lines, text_input
from impulsa.assessment.itemtypes.essay import scoring
from impulsa.core.errors import DomainError

LEVELS_HELP = gettext_lazy(
    "Un nivel por línea: puntos | descripción. Ejemplo: 2 | Explica con ejemplos"
)


class CriterionRow(forms.Form):
    name = text_input(gettext_lazy("Criterio"))
    levels = forms.CharField(
        label=gettext_lazy("Niveles (puntos | descripción)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "font-monospace"}),
    )


class EssayForm(forms.Form):
    min_words = forms.IntegerField(
        label=gettext_lazy("Mínimo de palabras"),
        required=False,
        min_value=1,
        max_value=scoring.MAX_WORDS,
    )
    max_words = forms.IntegerField(
        label=gettext_lazy("Máximo de palabras"),
        required=False,
        min_value=1,
        max_value=scoring.MAX_WORDS,
    )
    model_answer = forms.CharField(
        label=gettext_lazy("Respuesta modelo (solo la ve quien califica)"),
        required=False,
        max_length=scoring.MAX_RESPONSE_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def format_levels(levels: list[dict]) -> str:
    return "\n".join(f"{level['points']} | {level['label']}" for level in levels)


def parse_levels(text: str, criterion: int) -> list[dict]:
    """«puntos | descripción» per line; a line with a number alone is its own label."""
    levels = []
    for line in lines(text):
        points, bar, label = line.partition("|")
        try:
            number = Decimal(points.strip().replace(",", "."))
        except InvalidOperation:
            raise DomainError(
                _("Criterio %(c)s: «%(line)s» no empieza con los puntos (%(help)s).")
                % {"c": criterion, "line": line, "help": LEVELS_HELP}
            ) from None
        levels.append({"points": str(number), "label": label.strip() if bar else points.strip()})
    return levels


DEFAULT_RUBRIC = [
    {
        "name": scoring.GLOBAL_CRITERION,
        "levels": [
            {"points": "0", "label": "No responde lo que se pregunta"},
            {"points": "1", "label": "Responde en parte"},
            {"points": "2", "label": "Responde completo y bien argumentado"},
        ],
    }
]


class EssayEditor(BodyEditor):
    settings_form = EssayForm
    help_text = gettext_lazy(
        "La respuesta abierta la califica una persona con la rúbrica: la calificación es la "
        "suma de los puntos elegidos entre el máximo posible. Hasta 12 criterios y 6 niveles "
        "por criterio."
    )

    def settings_initial(self, body):
        return {
            "min_words": body.get("min_words"),
            "max_words": body.get("max_words"),
            "model_answer": body.get("model_answer", ""),
        }

    def build_rows(self, data, body):
        rubric = body.get("rubric") or DEFAULT_RUBRIC
        initial = [{"name": c["name"], "levels": format_levels(c["levels"])} for c in rubric]
        return [
            Rows(
                CriterionRow,
                "criteria",
                gettext_lazy("Rúbrica: criterios y niveles"),
                gettext_lazy("Agregar criterio"),
                data,
                initial,
            )
        ]

    def build_body(self):
        criteria = [
            {"name": row["name"], "levels": parse_levels(row["levels"], number)}
            for number, row in enumerate(self.rows[0].filled(), 1)
        ]
        settings = self.settings.cleaned_data
        return {
            "rubric": criteria,
            "min_words": settings["min_words"],
            "max_words": settings["max_words"],
            "model_answer": settings["model_answer"],
        }
