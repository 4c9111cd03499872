"""The builder's part for matching: one row per pair, distractors one per line."""

from django import forms
from django.utils.translation import gettext_lazy as _

from impulsa.assessment.itemtypes.editor import BodyEditor, Rows, lines, text_input


class PairRow(forms.Form):
    left = text_input(_("Izquierda"))
    right = text_input(_("Derecha"))


class MatchingForm(forms.Form):
    distractors = forms.CharField(
        label=_("Distractores (opciones de la derecha que no corresponden a nada)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Uno por línea."),
    )


class MatchingEditor(BodyEditor):
    settings_form = MatchingForm

    def settings_initial(self, body):
        return {"distractors": "\n".join(body.get("distractors", []))}

    def build_rows(self, data, body):
        return [Rows(PairRow, "pairs", _("Pares"), _("Agregar par"), data, body.get("pairs"))]

    def build_body(self):
        return {
            "pairs": [{"left": r["left"], "right": r["right"]} for r in self.rows[0].filled()],
            "distractors": lines(self.settings.cleaned_data["distractors"]),
        }
