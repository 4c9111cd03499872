"""The builder's part for ordering: the entries one per line, in the right order."""

from django import forms
from django.utils.translation import gettext_lazy as _

from impulsa.assessment.itemtypes.editor import BodyEditor, lines


class OrderingForm(forms.Form):
    items = forms.CharField(
        label=_("Elementos en el orden correcto"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Uno por línea; el alumno los verá revueltos."),
    )


class OrderingEditor(BodyEditor):
    settings_form = OrderingForm

    def settings_initial(self, body):
        return {"items": "\n".join(body.get("items", []))}

    def build_body(self):
        return {"items": lines(self.settings.cleaned_data["items"])}
