from django import forms
from django.utils.translation import gettext_lazy as _

from impulsa.learning.api import Course, PublishedActivity
from impulsa.org.api import Capability, Group, offering_ids, reachable_campuses
from impulsa.proctoring.scheduling.services import attempt_kinds

_LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def exam_choices(user) -> list[tuple[str, str]]:
    """«Course — exam» for every published exam of the courses the user may use."""
    courses = Course.objects.filter(
        institution_id__in=offering_ids(user, Capability.SCHEDULE_EXAMS), published__isnull=False
    ).only("id", "name", "published_id")
    by_version = {c.published_id: c for c in courses}
    found = PublishedActivity.objects.filter(
        version_id__in=list(by_version), kind__in=attempt_kinds()
    ).only("version_id", "key", "title")
    return sorted(
        (f"{by_version[a.version_id].pk}:{a.key}", f"{by_version[a.version_id].name} — {a.title}")
        for a in found
    )


class SessionForm(forms.Form):
    exam = forms.ChoiceField(label=_("Examen"))
    title = forms.CharField(label=_("Título de la sesión"), max_length=200)
    campus = forms.ModelChoiceField(label=_("Plantel"), queryset=None)
    opens_at = forms.DateTimeField(label=_("Abre"), widget=_LOCAL)
    closes_at = forms.DateTimeField(label=_("Cierra"), widget=_LOCAL)
    groups = forms.ModelMultipleChoiceField(
        label=_("Grupos"),
        queryset=None,
        required=False,
        help_text=_("Sin grupos: todos los alumnos del plantel inscritos en el curso."),
        widget=forms.CheckboxSelectMultiple,
    )
    access_code = forms.CharField(
        label=_("Código de acceso"),
        max_length=20,
        required=False,
        help_text=_("Opcional: lo das en el salón al empezar."),
    )
    allowed_networks = forms.CharField(
        label=_("Redes permitidas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Opcional: una dirección o red por línea, por ejemplo 10.20.0.0/16."),
    )
    safe_browser_keys = forms.CharField(
        label=_("Llaves de Safe Exam Browser"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Opcional: Config Key o Browser Exam Key, una por línea."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exam"].choices = [("", "—"), *exam_choices(user)]
        campuses = reachable_campuses(user, Capability.SCHEDULE_EXAMS).order_by("name")
        self.fields["campus"].queryset = campuses
        if campuses.count() == 1:
            self.fields["campus"].initial = campuses.first()
        self.fields["groups"].queryset = Group.objects.filter(campus__in=campuses).order_by(
            "campus__name", "name"
        )


class AccommodationForm(forms.Form):
    student = forms.ChoiceField(label=_("Alumno"))
    extra_minutes = forms.IntegerField(
        label=_("Minutos extra"), min_value=0, max_value=600, initial=0
    )
    extra_attempts = forms.IntegerField(
        label=_("Intentos extra"), min_value=0, max_value=10, initial=0
    )
    unlimited_time = forms.BooleanField(label=_("Sin límite de tiempo"), required=False)
    reason = forms.CharField(label=_("Motivo"), max_length=300)

    def __init__(self, *args, students, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].choices = [("", "—")] + [
            (str(s.pk), s.get_full_name() or s.username) for s in students
        ]
