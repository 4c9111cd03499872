"""The builder's part for true/false: the right answer and a feedback for each reply."""

from django import forms
from django.utils.translation import gettext_lazy as _

from impulsa.assessment.itemtypes.editor import BodyEditor


class TrueFalseForm(forms.Form):
    answer = forms.TypedChoiceField(
        label=_("Respuesta correcta"),
        choices=[("true", _("Verdadero")), ("false", _("Falso"))],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
    )
    feedback_true = forms.CharField(
        label=_("Retroalimentación si responde «Verdadero»"), required=False
    )
    feedback_false = forms.CharField(
        label=_("Retroalimentación si responde «Falso»"), required=False
    )


class TrueFalseEditor(BodyEditor):
    settings_form = TrueFalseForm

    def settings_initial(self, body):
        answer = body.get("answer", True)
        return {
            "answer": "true" if answer else "false",
            "feedback_true": body.get("feedback_true", ""),
            "feedback_false": body.get("feedback_false", ""),
        }

    def build_body(self):
        return dict(self.settings.cleaned_data)
