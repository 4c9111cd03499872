from django import forms
from django.utils.translation import gettext_lazy as _

from impulsa.proctoring.models import ExamPolicy


class PolicyForm(forms.ModelForm):
    class Meta:
        model = ExamPolicy
        fields = [
            "time_limit_minutes",
            "max_attempts",
            "cooldown_minutes",
            "passing_grade",
            "review",
            "shuffle_items",
            "shuffle_choices",
        ]
        help_texts = {"time_limit_minutes": _("Vacío: sin límite de tiempo.")}


class DrawForm(forms.Form):
    count = forms.IntegerField(label=_("Preguntas a sacar"), min_value=1, max_value=100)
    skill = forms.ModelChoiceField(label=_("Habilidad"), queryset=None, required=False)
    difficulty_min = forms.DecimalField(
        label=_("Dificultad mínima"), required=False, min_value=-3, max_value=3, decimal_places=2
    )
    difficulty_max = forms.DecimalField(
        label=_("Dificultad máxima"), required=False, min_value=-3, max_value=3, decimal_places=2
    )

    def __init__(self, *args, skills, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].queryset = skills
        self.fields["skill"].empty_label = _("Cualquiera")
