"""The upload form of the student import."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from impulsa.accounts.imports.reading import EXTENSIONS, MAX_FILE_BYTES
from impulsa.org.api import Capability, Institution, primary_institution_id, reachable_institutions

ACCEPT = ",".join(
    [
        *EXTENSIONS,
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]
)


class InstitutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Institution) -> str:
        return f"{obj.name} ({obj.code})"


class ImportForm(forms.Form):
    institution = InstitutionChoiceField(
        queryset=Institution.objects.none(),
        label=_("Institución"),
        empty_label=None,
        help_text=_(
            "Plantel (o colegio estatal) al que pertenecen los alumnos del archivo; "
            "cada fila indica su plantel en la columna clave_plantel."
        ),
    )
    file = forms.FileField(
        label=_("Archivo CSV o Excel"),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=format_lazy(
            _("Archivo .csv o .xlsx de hasta {mb} MB; de un Excel se lee la primera hoja."),
            mb=MAX_FILE_BYTES // (1024 * 1024),
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        choices = reachable_institutions(user, Capability.MANAGE_PEOPLE).filter(is_active=True)
        field = self.fields["institution"]
        field.queryset = choices
        if not self.is_bound:
            # The actor's own campus first: most imports are for it.
            field.initial = primary_institution_id(user)
