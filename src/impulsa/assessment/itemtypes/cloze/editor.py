"""The builder's part for cloze: the text with {n} markers, and one line per gap in
the compact syntax of gap_syntax.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from impulsa.assessment.itemtypes.cloze.gap_syntax import format_gaps, parse_gaps
from impulsa.assessment.itemtypes.editor import ACCENTS_HELP, BodyEditor


class ClozeForm(forms.Form):
    text = forms.CharField(
        label=_("Texto con huecos"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Marca cada hueco con su número: {1}, {2}, … Dentro de una fórmula no encierres "
            "un número solo entre llaves (escribe x^2, no x^{2}): se leería como un hueco."
        ),
    )
    gaps = forms.CharField(
        label=_("Huecos (uno por línea, en orden)"),
        widget=forms.Textarea(attrs={"rows": 4, "class": "font-monospace"}),
        help_text=_(
            "MC: opción única, SA: respuesta corta (SAC distingue mayúsculas), NM: numérica. "
            "«=» marca la respuesta correcta, «~» separa respuestas, «#» da retroalimentación, "
            "«%50%» da crédito parcial y «2:» al inicio pesa el hueco doble. Ejemplos: "
            "<code>MC:=París~Londres~Roma</code> · <code>SA:=veinte~=20</code> · "
            "<code>NM:=3.14:0.01</code>"
        ),
    )
    accent_sensitive = forms.BooleanField(
        label=_("Distinguir acentos en los huecos de respuesta corta"),
        help_text=ACCENTS_HELP,
        required=False,
    )


class ClozeEditor(BodyEditor):
    settings_form = ClozeForm

    def settings_initial(self, body):
        gaps = body.get("gaps", [])
        return {
            "text": body.get("text", ""),
            "gaps": format_gaps(gaps),
            "accent_sensitive": any(g["body"].get("accent_sensitive") for g in gaps),
        }

    def build_body(self):
        data = self.settings.cleaned_data
        gaps = parse_gaps(data["gaps"], accent_sensitive=data["accent_sensitive"])
        return {"text": data["text"], "gaps": gaps}
