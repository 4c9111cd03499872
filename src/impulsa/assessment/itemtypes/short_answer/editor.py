"""The builder's part for short answers: accepted answers, and whether case and
accents count."""

from django import forms
from django.utils.translation import gettext_lazy as _

from impulsa.assessment.itemtypes.editor import (
    ACCENTS_HELP,
    HUNDRED,
    BodyEditor,
    Rows,
    credit_input,
    text_input,
    to_fraction,
    to_percent,
)


class ShortAnswerRow(forms.Form):
    text = text_input(_("Respuesta aceptada"))
    credit = credit_input()
    feedback = text_input(_("Retroalimentación"))
    regex = forms.BooleanField(label=_("Expresión regular"), required=False)


class ShortAnswerForm(forms.Form):
    case_sensitive = forms.BooleanField(
        label=_("Distinguir mayúsculas y minúsculas"), required=False
    )
    accent_sensitive = forms.BooleanField(
        label=_("Distinguir acentos"), help_text=ACCENTS_HELP, required=False
    )
    # A box to turn variants off, so a form posted without it keeps them on.
    exact_only = forms.BooleanField(
        label=_("Sin variantes: aceptar solo las respuestas tal como están escritas"),
        required=False,
        help_text=_(
            "Si no lo marcas, también valen el artículo al inicio y el singular o plural "
            "(«los dos puntos» por «dos puntos»), solo cuando ninguna respuesta coincide tal "
            "cual. La vista previa muestra cómo se calificarían."
        ),
    )


class ShortAnswerEditor(BodyEditor):
    settings_form = ShortAnswerForm
    help_text = _(
        "Se ignoran los espacios de más y, salvo que lo marques abajo, los acentos y las "
        "mayúsculas. Crédito vacío = 100 %. Una expresión regular debe coincidir con toda "
        "la respuesta."
    )

    def settings_initial(self, body):
        return {
            "case_sensitive": body.get("case_sensitive", False),
            "accent_sensitive": body.get("accent_sensitive", False),
            "exact_only": not body.get("accept_variants", True),
        }

    def build_rows(self, data, body):
        initial = [
            {
                "text": a["text"],
                "credit": to_percent(a["fraction"]),
                "feedback": a["feedback"],
                "regex": a["regex"],
            }
            for a in body.get("answers", [])
        ]
        return [
            Rows(
                ShortAnswerRow,
                "answers",
                _("Respuestas aceptadas"),
                _("Agregar respuesta"),
                data,
                initial,
            )
        ]

    def build_body(self):
        answers = [
            {
                "text": row["text"],
                "fraction": to_fraction(HUNDRED if row["credit"] is None else row["credit"]),
                "feedback": row["feedback"],
                "regex": row["regex"],
            }
            for row in self.rows[0].filled()
        ]
        settings = self.settings.cleaned_data
        return {
            "answers": answers,
            "case_sensitive": settings["case_sensitive"],
            "accent_sensitive": settings["accent_sensitive"],
            "accept_variants": not settings["exact_only"],
        }
