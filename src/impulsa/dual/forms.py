"""Thin forms for dual pages: they parse and present; rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from impulsa.core.uploads import accept_attribute
from impulsa.dual.models import (
    AgreementKind,
    Company,
    IncidentKind,
    PlacementStatus,
    Severity,
    WithdrawnBy,
)
from impulsa.dual.services.agreements import DOCUMENT_TYPES
from impulsa.dual.services.logbook import FILE_TYPES
from impulsa.dual.services.visits import CHECKLIST, EVIDENCE_TYPES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CompanyForm(forms.ModelForm):
    class Meta:
        model = Company
        fields = [
            "legal_name",
            "trade_name",
            "rfc",
            "sector",
            "size",
            "address",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"rfc": _("12 caracteres para personas morales, por ejemplo EKU9003173C9.")}

    def validate_unique(self):
        """Duplicates by RFC are the service's to refuse, with its own message."""


class PublicCompanyForm(CompanyForm):
    campus = forms.ModelChoiceField(queryset=None, label=_("Plantel con el que quieres colaborar"))

    class Meta(CompanyForm.Meta):
        fields = ["campus", *CompanyForm.Meta.fields]

    def __init__(self, *args, campuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campus"].queryset = campuses


class InstructorForm(forms.Form):
    instructor = forms.ModelChoiceField(queryset=None, label=_("Instructor de empresa"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instructor"].queryset = people


class AgreementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Tipo"), choices=AgreementKind.choices)
    student = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Alumno (convenio de aprendizaje)")
    )
    title = forms.CharField(label=_("Título"), max_length=200)
    starts_on = forms.DateField(label=_("Inicia"), widget=DATE)
    ends_on = forms.DateField(label=_("Vence"), widget=DATE)
    signed_on = forms.DateField(label=_("Fecha de firma"), widget=DATE)
    school_signatory = forms.CharField(label=_("Firma por el plantel"), max_length=200)
    company_signatory = forms.CharField(label=_("Firma por la empresa"), max_length=200)
    document = forms.FileField(
        label=_("Documento firmado (PDF, imagen o documento)"),
        widget=forms.ClearableFileInput(attrs={"accept": accept_attribute(DOCUMENT_TYPES)}),
    )

    def __init__(self, *args, students, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = students


class PositionForm(forms.Form):
    name = forms.CharField(label=_("Nombre del puesto"), max_length=200)
    career = forms.ModelChoiceField(queryset=None, label=_("Carrera"))
    capacity = forms.IntegerField(label=_("Cupo"), min_value=1, max_value=200)
    modules = forms.CharField(
        label=_("Módulos que cubre"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    competencies = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Competencias"),
        widget=forms.CheckboxSelectMultiple,
    )
    instructor = forms.ModelChoiceField(queryset=None, required=False, label=_("Instructor"))

    def __init__(self, *args, careers, skills, instructors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["career"].queryset = careers
        self.fields["competencies"].queryset = skills
        self.fields["instructor"].queryset = instructors


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Nombre del plan"), max_length=200)
    career = forms.ModelChoiceField(queryset=None, label=_("Carrera"))

    def __init__(self, *args, careers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["career"].queryset = careers


class TemplateStationForm(forms.Form):
    position = forms.ModelChoiceField(queryset=None, label=_("Puesto"))
    weeks = forms.IntegerField(label=_("Semanas"), min_value=1, max_value=52)
    hours = forms.IntegerField(label=_("Horas"), min_value=1, max_value=2000)
    topics = forms.CharField(label=_("Temas"), required=False, max_length=2000)

    def __init__(self, *args, positions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = positions


class PlacementForm(forms.Form):
    student = forms.ModelChoiceField(queryset=None, label=_("Alumno"))
    company = forms.ModelChoiceField(queryset=None, label=_("Empresa"))
    tutor = forms.ModelChoiceField(queryset=None, required=False, label=_("Tutor dual"))
    starts_on = forms.DateField(label=_("Inicia"), widget=DATE)
    ends_on = forms.DateField(label=_("Termina"), widget=DATE)
    preferences = forms.CharField(
        label=_("Preferencias del alumno (opcional)"), required=False, max_length=2000
    )

    def __init__(self, *args, students, companies, tutors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = students
        self.fields["company"].queryset = companies
        self.fields["tutor"].queryset = tutors


class PlacementSetupForm(forms.Form):
    tutor = forms.ModelChoiceField(queryset=None, required=False, label=_("Tutor dual"))
    agreement = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Convenio de aprendizaje")
    )

    def __init__(self, *args, tutors, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tutor"].queryset = tutors
        self.fields["agreement"].queryset = agreements


class StationForm(forms.Form):
    position = forms.ModelChoiceField(queryset=None, label=_("Puesto"))
    starts_on = forms.DateField(label=_("Inicia"), widget=DATE)
    ends_on = forms.DateField(label=_("Termina"), widget=DATE)
    hours = forms.IntegerField(label=_("Horas"), min_value=1, max_value=2000)
    topics = forms.CharField(label=_("Temas"), required=False, max_length=2000)

    def __init__(self, *args, positions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].queryset = positions


class ApplyTemplateForm(forms.Form):
    template = forms.ModelChoiceField(queryset=None, label=_("Plantilla"))
    starts_on = forms.DateField(label=_("A partir del"), widget=DATE)

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates


class MoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Nuevo estado"), choices=PlacementStatus.choices)
    withdrawn_by = forms.ChoiceField(
        label=_("Baja solicitada por"), choices=[("", "—"), *WithdrawnBy.choices], required=False
    )
    reason = forms.CharField(label=_("Motivo o nota"), required=False, max_length=2000)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": accept_attribute(FILE_TYPES)})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class LogbookForm(forms.Form):
    week_start = forms.DateField(label=_("Semana del (lunes)"), widget=DATE)
    activities = forms.CharField(
        label=_("¿Qué hiciste esta semana?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    learned = forms.CharField(
        label=_("¿Qué aprendiste?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    hours = forms.CharField(label=_("Horas trabajadas"), max_length=6)
    files = MultipleFileField(label=_("Fotos o archivos (hasta 5)"), required=False)


class ReviewForm(forms.Form):
    entries = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Bitácoras"), widget=forms.CheckboxSelectMultiple
    )
    decision = forms.ChoiceField(
        label=_("Decisión"), choices=[("accept", _("Aceptar")), ("return", _("Devolver"))]
    )
    comment = forms.CharField(label=_("Comentarios"), required=False, max_length=2000)

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = entries


class EvaluationForm(forms.Form):
    station = forms.ModelChoiceField(queryset=None, required=False, label=_("Estación"))
    score = forms.DecimalField(label=_("Calificación (0 a 10)"), max_digits=4, decimal_places=1)
    achieved = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Competencias logradas"),
        widget=forms.CheckboxSelectMultiple,
    )
    comments = forms.CharField(label=_("Comentarios"), required=False, max_length=2000)

    def __init__(self, *args, stations, skills, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = stations
        self.fields["achieved"].queryset = skills


class VisitScheduleForm(forms.Form):
    scheduled_on = forms.DateField(label=_("Fecha de la visita"), widget=DATE)


class VisitRecordForm(forms.Form):
    done_on = forms.DateField(label=_("Fecha en que se hizo"), widget=DATE)
    findings = forms.CharField(
        label=_("Hallazgos"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.FileField(
        label=_("Evidencia (foto o PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": accept_attribute(EVIDENCE_TYPES)}),
    )
    action = forms.CharField(label=_("Acción de seguimiento"), required=False, max_length=300)
    action_owner = forms.ModelChoiceField(queryset=None, required=False, label=_("Responsable"))
    action_due = forms.DateField(label=_("Fecha límite"), required=False, widget=DATE)
    incident_kind = forms.ChoiceField(
        label=_("Abrir incidencia"), required=False, choices=[("", "—"), *IncidentKind.choices]
    )
    incident_severity = forms.ChoiceField(
        label=_("Gravedad"), required=False, choices=[("", "—"), *Severity.choices]
    )
    incident_description = forms.CharField(
        label=_("Descripción de la incidencia"), required=False, max_length=5000
    )
    close = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Cerrar incidencias resueltas en la visita"),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, people, open_incidents, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in CHECKLIST.items():
            self.fields[f"check_{key}"] = forms.BooleanField(label=label, required=False)
        self.fields["action_owner"].queryset = people
        self.fields["close"].queryset = open_incidents

    def checks(self):
        return [self[name] for name in self.fields if name.startswith("check_")]


class IncidentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Tipo"), choices=IncidentKind.choices)
    severity = forms.ChoiceField(label=_("Gravedad"), choices=Severity.choices)
    description = forms.CharField(
        label=_("¿Qué pasó?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class CloseIncidentForm(forms.Form):
    resolution = forms.CharField(
        label=_("Resolución"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AssignIncidentForm(forms.Form):
    assignee = forms.ModelChoiceField(queryset=None, label=_("Responsable"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = people


class DashboardForm(forms.Form):
    institution = forms.ModelChoiceField(queryset=None, required=False, label=_("Institución"))

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions
