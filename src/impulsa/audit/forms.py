"""The audit log list's filters."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from impulsa.audit import selectors


def _indented_label(base_depth: int):
    """Institution names indented by their depth below the viewer's highest node."""

    def label(institution) -> str:
        depth = max(institution.path.count("/") - 1 - base_depth, 0)
        return "\u00a0\u00a0\u00a0" * depth + str(institution.name)

    return label


class EntryFilterForm(forms.Form):
    """The list page's filters (GET); every choice is limited to the viewer's reach."""

    institution = forms.ModelChoiceField(
        label=gettext_lazy("Institución"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Todas las de tu alcance"),
        help_text=gettext_lazy("Incluye las instituciones que dependen de ella."),
    )
    actor = forms.CharField(
        label=gettext_lazy("Quién"),
        required=False,
        max_length=150,
        help_text=gettext_lazy("Usuario, nombre o correo de quien hizo el cambio."),
    )
    action = forms.ChoiceField(
        label=gettext_lazy("Acción"),
        required=False,
        choices=[
            ("", gettext_lazy("Todas")),
            ("alta", gettext_lazy("Alta")),
            ("cambio", gettext_lazy("Cambio")),
            ("baja", gettext_lazy("Baja")),
            ("acceso", gettext_lazy("Acceso (inicios de sesión, importaciones…)")),
        ],
    )
    content_type = forms.ChoiceField(label=gettext_lazy("Tipo de objeto"), required=False)
    date_from = forms.DateField(
        label=gettext_lazy("Desde"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=gettext_lazy("Hasta"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, data, *, institutions, base_depth: int, content_types):
        super().__init__(data)
        self.fields["institution"].queryset = institutions
        self.fields["institution"].label_from_instance = _indented_label(base_depth)
        self._content_types = {str(ct.pk): ct for ct in content_types}
        self.fields["content_type"].choices = [("", gettext_lazy("Todos"))] + [
            (str(ct.pk), capfirst(ct.name)) for ct in content_types
        ]

    def clean_content_type(self):
        return self._content_types.get(self.cleaned_data["content_type"])

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("La fecha final no puede ser anterior a la inicial."))
        return cleaned

    def criteria(self) -> selectors.EntryFilter:
        """The valid filters; an invalid one is reported on the form and ignored."""
        data = self.cleaned_data if self.is_bound else {}
        return selectors.EntryFilter(
            institution=data.get("institution"),
            actor=data.get("actor") or "",
            action=data.get("action") or "",
            content_type=data.get("content_type"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
