"""The builder's part for single choice: one row per option, "Correcta" ticked on one."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from impulsa.assessment.itemtypes.editor import (
    HUNDRED,
    BodyEditor,
    Rows,
    credit_input,
    text_input,
    to_fraction,
    to_percent,
)


class SingleChoiceRow(forms.Form):
    text = text_input(_("Opción"))
    correct = forms.BooleanField(label=_("Correcta"), required=False)
    credit = credit_input(_("Crédito parcial (%)"))
    feedback = text_input(_("Retroalimentación"))


class ShuffleForm(forms.Form):
    shuffle = forms.BooleanField(
        label=_("Barajar las opciones para cada alumno"), required=False, initial=True
    )


def choices_from_rows(rows) -> list[dict]:
    return [
        {
            "text": row["text"],
            "fraction": to_fraction(row["credit"] or 0),
            "feedback": row["feedback"],
        }
        for row in rows
    ]


class SingleChoiceEditor(BodyEditor):
    settings_form = ShuffleForm
    help_text = _("Marca la opción correcta; las demás pueden dar crédito parcial.")

    def settings_initial(self, body):
        return {"shuffle": body.get("shuffle", True)}

    def build_rows(self, data, body):
        initial = [
            {
                "text": c["text"],
                "correct": Decimal(c["fraction"]) == 1,
                "credit": None if Decimal(c["fraction"]) in (0, 1) else to_percent(c["fraction"]),
                "feedback": c["feedback"],
            }
            for c in body.get("choices", [])
        ]
        return [Rows(SingleChoiceRow, "choices", _("Opciones"), _("Agregar opción"), data, initial)]

    def build_body(self):
        rows = self.rows[0].filled()
        for row in rows:
            if row["correct"]:
                row["credit"] = HUNDRED
        return {
            "choices": choices_from_rows(rows),
            "shuffle": self.settings.cleaned_data["shuffle"],
        }
