"""Forms of the item bank pages: the fields every item has, filters, picker, import.

The per-type part of the builder (the body JSON) lives in each type's folder,
itemtypes/<code>/editor.py.
"""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from impulsa.assessment import itemtypes
from impulsa.assessment.bank import services

TYPE_CHOICES = [("", _("Todos los tipos")), *itemtypes.TYPE_LABELS.items()]


class ItemForm(forms.Form):
    """Name, stem, feedback, hints, difficulty, IRT and skills of an item version."""

    name = forms.CharField(label=_("Nombre"), max_length=200)
    stem = forms.CharField(
        label=_("Enunciado"),
        widget=forms.Textarea(
            attrs={
                "rows": 5,
                "hx-post": reverse_lazy("itembank:stem_preview"),
                "hx-trigger": "input changed delay:600ms, load",
                "hx-target": "#stem-preview",
                "hx-swap": "innerHTML",
            }
        ),
        help_text=_(
            "Markdown; fórmulas entre $…$ o $$…$$. La vista previa se actualiza al escribir."
        ),
    )
    general_feedback = forms.CharField(
        label=_("Retroalimentación general (solución)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    hints = forms.CharField(
        label=_("Pistas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Una por línea; el alumno las ve una a una, en este orden."),
    )
    difficulty = forms.DecimalField(
        label=_("Dificultad"),
        required=False,
        min_value=-3,
        max_value=3,
        decimal_places=2,
        help_text=_("De −3 (muy fácil) a 3 (muy difícil); vacío si no se conoce."),
    )
    irt_a = forms.DecimalField(
        label=_("TRI: discriminación (a)"), required=False, min_value="0.01", max_value=5
    )
    irt_b = forms.DecimalField(
        label=_("TRI: dificultad (b)"), required=False, min_value=-6, max_value=6
    )
    irt_c = forms.DecimalField(
        label=_("TRI: azar (c)"), required=False, min_value=0, max_value="0.5"
    )
    skills = forms.ModelMultipleChoiceField(
        label=_("Habilidades"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, skills, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].queryset = skills
        if not skills.exists():
            self.fields["skills"].help_text = _("Este curso aún no tiene habilidades.")

    @classmethod
    def initial_from(cls, item) -> dict:
        version, irt = item.current, item.current.irt or {}
        return {
            "name": version.name,
            "stem": version.stem,
            "general_feedback": version.general_feedback,
            "hints": "\n".join(version.hints),
            "difficulty": version.difficulty,
            "irt_a": irt.get("a"),
            "irt_b": irt.get("b"),
            "irt_c": irt.get("c"),
            "skills": list(item.skills.all()),
        }

    def version_fields(self, *, item_type: str, stem_format: str, other_tags=()) -> dict:
        """Keyword arguments for services.create_item / update_item (body added by the caller).

        Tags naming skills follow the chosen skills, so an export carries them."""
        data = self.cleaned_data
        irt = None
        if any(data[f] is not None for f in ("irt_a", "irt_b", "irt_c")):
            irt = {"a": data["irt_a"], "b": data["irt_b"], "c": data["irt_c"]}
        skills = list(data["skills"])
        return {
            "type": item_type,
            "name": data["name"],
            "stem": data["stem"],
            "stem_format": stem_format,
            "general_feedback": data["general_feedback"],
            "hints": data["hints"].splitlines(),
            "difficulty": data["difficulty"],
            "irt": irt,
            "tags": [t for t in other_tags if not t.startswith(services.SKILL_TAG)]
            + [f"{services.SKILL_TAG}{skill.code}" for skill in skills],
            "skills": skills,
        }


class BankFilterForm(forms.Form):
    """Filters of the bank list and of the activity picker (GET)."""

    tipo = forms.ChoiceField(label=_("Tipo"), choices=TYPE_CHOICES, required=False)
    habilidad = forms.TypedChoiceField(
        label=_("Habilidad"), coerce=int, required=False, empty_value=None
    )
    q = forms.CharField(label=_("Texto"), required=False, max_length=100)

    def __init__(self, *args, skills, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["habilidad"].choices = [("", _("Todas las habilidades"))] + [
            (skill.pk, skill.name) for skill in skills
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"item_type": data["tipo"], "skill_id": data["habilidad"], "text": data["q"].strip()}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Archivo"),
        help_text=_("GIFT (.gift, .txt) o Moodle XML (.xml), hasta 5 MB."),
    )
    activity = forms.ModelChoiceField(
        label=_("Agregar también a la actividad"),
        queryset=None,
        required=False,
        empty_label=_("Solo al banco"),
    )

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities
        self.fields["activity"].label_from_instance = lambda a: (
            f"{a.lesson.unit.title} › {a.lesson.title} › {a.title}"
        )
