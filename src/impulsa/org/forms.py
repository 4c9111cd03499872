"""Forms for the institution tree, careers, periods and groups.

They only collect and shape input; every rule lives in org.services, whose
DomainErrors the views put back on the right field (core.forms.add_domain_error).
"""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from impulsa.core.errors import DomainError
from impulsa.org import services
from impulsa.org.models import AcademicPeriod, Career, Group, Institution, code_validator

SEMESTER_CHOICES = [(n, str(n)) for n in range(1, 7)]


class UpperCaseCharField(forms.CharField):
    """Official codes are upper case; accept what people type."""

    def to_python(self, value):
        return super().to_python(value).upper()


class LogoField(forms.FileField):
    """An uploaded logo, checked before the service checks it again: size first
    (without reading the file), then what Pillow says it really is."""

    widget = forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"})

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            try:
                services.check_logo(value)
            except DomainError as error:
                raise forms.ValidationError(error.message, code="invalid_logo") from error
        return value


def _code_field(label, help_text=""):
    return UpperCaseCharField(
        label=label,
        max_length=20,
        validators=[code_validator],
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )


class InstitutionCreateForm(forms.Form):
    code = _code_field(
        _("Clave oficial"), _("De 2 a 20 letras, dígitos o guiones, por ejemplo 14DPT0001X.")
    )
    name = forms.CharField(label=_("Nombre"), max_length=200)
    short_name = forms.CharField(
        label=_("Nombre corto"),
        max_length=80,
        required=False,
        help_text=_("Se usa en listas y menús, por ejemplo «Plantel Zapopan»."),
    )


class InstitutionEditForm(InstitutionCreateForm):
    """Data and branding. The primary colour has a text box (what counts when
    edited) and a colour picker (used when only the picker was changed), so the
    page works without JavaScript."""

    is_active = forms.BooleanField(label=_("Activa"), required=False)
    display_name = forms.CharField(
        label=_("Nombre a mostrar"),
        max_length=120,
        required=False,
        help_text=_("Aparece en la barra superior. Vacío: se hereda de la institución superior."),
    )
    logo = LogoField(
        label=_("Logotipo"),
        required=False,
        help_text=_(
            "Imagen PNG o JPEG de hasta 1 MB. No se acepta SVG. Sin logotipo propio se usa "
            "el de la institución superior."
        ),
    )
    primary_color = forms.CharField(
        label=_("Color principal (hexadecimal)"),
        max_length=7,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "#0B5D3B", "autocomplete": "off"}),
        help_text=_(
            "Por ejemplo #0B5D3B. Debe contrastar con texto blanco (4.5:1). Vacío: se hereda."
        ),
    )
    primary_color_picker = forms.CharField(
        label=_("Selector de color"),
        required=False,
        widget=forms.TextInput(attrs={"type": "color", "class": "form-control-color"}),
        help_text=_("Si escribes un valor en el campo anterior, ese es el que se guarda."),
    )
    custom_domain = forms.CharField(
        label=_("Dominio propio"),
        max_length=253,
        required=False,
        widget=forms.TextInput(
            attrs={"inputmode": "url", "autocomplete": "off", "spellcheck": "false"}
        ),
        help_text=_(
            "Por ejemplo plantel.conalep.edu.mx. El equipo de operación debe apuntarlo a la "
            "plataforma. Vacío: sin dominio propio."
        ),
    )

    field_order = [
        "name",
        "short_name",
        "code",
        "is_active",
        "display_name",
        "logo",
        "primary_color",
        "primary_color_picker",
        "custom_domain",
    ]

    def __init__(
        self,
        *args,
        institution: Institution,
        effective_color: str,
        can_set_domain: bool = False,
        **kwargs,
    ):
        kwargs.setdefault(
            "initial",
            {
                "code": institution.code,
                "name": institution.name,
                "short_name": institution.short_name,
                "is_active": institution.is_active,
                "display_name": institution.display_name,
                "logo": institution.logo or None,
                "primary_color": institution.primary_color,
                "custom_domain": institution.custom_domain or "",
            },
        )
        super().__init__(*args, **kwargs)
        if not can_set_domain:
            # Only national staff assign domains (services refuse it anyway).
            del self.fields["custom_domain"]
        # Browsers send colour inputs in lower case; compare in the same case.
        self.picker_initial = effective_color.lower()
        self.fields["primary_color_picker"].initial = self.picker_initial

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("primary_color") or "").strip()
        picker = (cleaned.get("primary_color_picker") or "").strip().lower()
        text_changed = text.upper() != (self.initial.get("primary_color") or "").upper()
        if not text_changed and picker and picker != self.picker_initial:
            cleaned["primary_color"] = picker.upper()
        return cleaned

    def changes(self) -> dict:
        """The keyword arguments for services.update_institution."""
        data = {
            field: self.cleaned_data[field]
            for field in services.INSTITUTION_FIELDS
            if field != "logo" and field in self.fields
        }
        logo = self.cleaned_data.get("logo")
        if logo is False:  # "Borrar" ticked: inherit the parent's logo again
            data["logo"] = ""
        elif isinstance(logo, UploadedFile):
            data["logo"] = logo
        return data


class CareerForm(forms.Form):
    code = _code_field(_("Clave"), _("Por ejemplo INFO o 309-1."))
    name = forms.CharField(label=_("Nombre"), max_length=200)


class CareerEditForm(CareerForm):
    is_active = forms.BooleanField(
        label=_("Activa"),
        required=False,
        help_text=_("Una carrera desactivada ya no se ofrece para grupos nuevos."),
    )


class PeriodForm(forms.Form):
    code = forms.CharField(
        label=_("Clave"), max_length=10, help_text=_("AAAA-1 (febrero-julio) o AAAA-2.")
    )
    starts_on = forms.DateField(
        label=_("Inicia"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Termina"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    is_current = forms.BooleanField(
        label=_("Periodo vigente"),
        required=False,
        help_text=_("Solo un periodo es vigente: marcar este desmarca el anterior."),
    )

    @staticmethod
    def initial_for(period: AcademicPeriod) -> dict:
        return {
            "code": period.code,
            "starts_on": period.starts_on,
            "ends_on": period.ends_on,
            "is_current": period.is_current,
        }


class GroupForm(forms.Form):
    period = forms.ModelChoiceField(
        label=_("Periodo"), queryset=AcademicPeriod.objects.none(), empty_label=None
    )
    name = UpperCaseCharField(
        label=_("Nombre"), max_length=20, help_text=_("Por ejemplo 101 o 3AMI.")
    )
    career = forms.ModelChoiceField(
        label=_("Carrera"),
        queryset=Career.objects.none(),
        required=False,
        empty_label=_("Sin carrera (tronco común)"),
    )
    semester = forms.TypedChoiceField(label=_("Semestre"), choices=SEMESTER_CHOICES, coerce=int)
    shift = forms.ChoiceField(label=_("Turno"), choices=Group.Shift.choices)

    def __init__(self, *args, periods, careers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods
        self.fields["career"].queryset = careers

    @staticmethod
    def initial_for(group: Group) -> dict:
        return {
            "period": group.period_id,
            "name": group.name,
            "career": group.career_id,
            "semester": group.semester,
            "shift": group.shift,
        }
