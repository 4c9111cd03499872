from django import forms
from django.utils.translation import gettext_lazy as _

from impulsa.ops.privacy.arco import MAX_DESCRIPTION
from impulsa.ops.privacy.models import Filer, IdentityDocument, Right


class AcceptForm(forms.Form):
    read = forms.BooleanField(
        label=_("Leí el aviso de privacidad y entiendo cómo se tratan mis datos."), required=True
    )


class OwnRequestForm(forms.Form):
    right = forms.ChoiceField(label=_("Derecho que quieres ejercer"), choices=Right.choices)
    description = forms.CharField(
        label=_("¿Qué datos y qué pides?"),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Por ejemplo: «Corregir mi segundo apellido, que aparece como …»."),
    )


class StaffRequestForm(OwnRequestForm):
    person = forms.CharField(label=_("Matrícula o usuario de la persona titular"), max_length=150)
    filer = forms.ChoiceField(label=_("Quién la presenta"), choices=Filer.choices)
    representative_name = forms.CharField(
        label=_("Nombre de la madre, padre o tutor"), max_length=200, required=False
    )

    field_order = ["person", "filer", "representative_name", "right", "description"]


class IdentityForm(forms.Form):
    document = forms.ChoiceField(
        label=_("Documento que se presentó"), choices=IdentityDocument.choices
    )


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo de la ampliación"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RespondForm(forms.Form):
    granted = forms.TypedChoiceField(
        label=_("Resolución"),
        choices=[("1", _("Procedente")), ("0", _("Improcedente"))],
        coerce=lambda v: v == "1",
    )
    response = forms.CharField(
        label=_("Respuesta para la persona"),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
