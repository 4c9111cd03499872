"""The builder's part for multiple choice: each option's credit in percent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from impulsa.assessment.itemtypes.editor import Rows, credit_input, text_input, to_percent
from impulsa.assessment.itemtypes.single_choice.editor import (
    SingleChoiceEditor,
    choices_from_rows,
)


class CreditChoiceRow(forms.Form):
    text = text_input(_("Opción"))
    credit = credit_input()
    feedback = text_input(_("Retroalimentación"))


class MultipleChoiceEditor(SingleChoiceEditor):
    help_text = _(
        "Las opciones correctas suman 100 %; las incorrectas pueden restar (por ejemplo −50)."
    )

    def build_rows(self, data, body):
        initial = [
            {"text": c["text"], "credit": to_percent(c["fraction"]), "feedback": c["feedback"]}
            for c in body.get("choices", [])
        ]
        return [Rows(CreditChoiceRow, "choices", _("Opciones"), _("Agregar opción"), data, initial)]

    def build_body(self):
        rows = self.rows[0].filled()
        return {
            "choices": choices_from_rows(rows),
            "shuffle": self.settings.cleaned_data["shuffle"],
        }
