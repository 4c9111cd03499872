"""Forms of the enrollment pages. Students and groups are looked up only among those
the viewer manages (MANAGE_ENROLLMENT), so a matrícula of another campus reads as
unknown; the rules themselves live in enrollment/services.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from impulsa.core.errors import DomainError
from impulsa.learning.enrollment import services as enrollments
from impulsa.learning.enrollment.selectors import managed_students
from impulsa.learning.models import EnrollmentStatus
from impulsa.org.api import Capability, group_search_box, reachable_groups, resolve_group

MAX_BULK_LINES = 2000
MAX_LINE_ERRORS = 20
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def matricula_lines(text: str) -> list[tuple[int, str]]:
    """(line number, matrícula) for each non-blank line of a pasted list."""
    return [
        (number, line.strip())
        for number, line in enumerate((text or "").splitlines(), start=1)
        if line.strip()
    ]


class _EnrollmentDetails(forms.Form):
    reason = forms.CharField(
        label=_("Motivo"),
        max_length=200,
        required=False,
        help_text=_("Por ejemplo: «Reprobó Matemáticas en el 2.º semestre»."),
    )
    due_on = forms.DateField(
        label=_("Fecha límite"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Opcional: cuándo debe terminar el curso."),
    )

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        try:
            enrollments.check_due_on(due_on)  # the service's rule, shown beside the field
        except DomainError as error:
            raise forms.ValidationError(error.message) from error
        return due_on


class StudentSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Buscar alumno"),
        max_length=100,
        required=False,
        help_text=_("Matrícula o nombre."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class EnrollForm(_EnrollmentDetails):
    matricula = forms.CharField(label=_("Matrícula del alumno"), max_length=20)
    field_order = ["matricula", "reason", "due_on"]

    def __init__(self, data=None, *, viewer, **kwargs):
        super().__init__(data, **kwargs)
        self.viewer = viewer

    def clean_matricula(self):
        matricula = self.cleaned_data["matricula"].strip()
        profile = managed_students(self.viewer).filter(matricula=matricula).first()
        if profile is None:
            raise forms.ValidationError(
                _("No hay un alumno con la matrícula «%(matricula)s» entre los que inscribes."),
                params={"matricula": matricula},
            )
        self.student = profile.user
        return matricula


class BulkEnrollForm(_EnrollmentDetails):
    """A group, pasted matrículas, or both. Every matrícula must name a student the
    viewer manages; each one that does not is reported with its line number."""

    # A hidden id beside a searchable box (org.pickers): hundreds of groups per campus.
    group = forms.ModelChoiceField(queryset=None, required=False, widget=forms.HiddenInput)
    matriculas = forms.CharField(
        label=_("Matrículas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_("Una por línea; puedes pegarlas desde una hoja de cálculo."),
    )
    field_order = ["group_q", "matriculas", "reason", "due_on"]

    def __init__(self, data=None, *, viewer, **kwargs):
        super().__init__(data, **kwargs)
        self.viewer = viewer
        self.pasted = []
        self.fields["group_q"] = group_search_box(use="inscripcion", empty_label=_("Ninguno"))
        self.order_fields(self.field_order)
        self.fields["group"].queryset = (
            reachable_groups(viewer, Capability.MANAGE_ENROLLMENT)
            .select_related(None)
            .select_related("campus", "period")
            .order_by("-period__code", "campus__path", "name")
        )

    def clean_matriculas(self):
        lines = matricula_lines(self.cleaned_data["matriculas"])
        if len(lines) > MAX_BULK_LINES:
            raise forms.ValidationError(
                _("Pega como máximo %(max)s matrículas a la vez."), params={"max": MAX_BULK_LINES}
            )
        wanted = {matricula for _line, matricula in lines}
        found = {
            p.matricula: p.user for p in managed_students(self.viewer).filter(matricula__in=wanted)
        }
        unknown = [(line, m) for line, m in lines if m not in found]
        if unknown:
            errors = [
                forms.ValidationError(
                    _("Línea %(line)s: no hay un alumno con la matrícula «%(matricula)s» "
                      "entre los que inscribes."),
                    params={"line": line, "matricula": matricula},
                )
                for line, matricula in unknown[:MAX_LINE_ERRORS]
            ]  # fmt: skip
            if len(unknown) > MAX_LINE_ERRORS:
                errors.append(
                    forms.ValidationError(
                        _("… y %(count)s líneas más con el mismo problema."),
                        params={"count": len(unknown) - MAX_LINE_ERRORS},
                    )
                )
            raise forms.ValidationError(errors)
        self.pasted = [found[m] for m in dict.fromkeys(m for _line, m in lines)]
        return self.cleaned_data["matriculas"]

    def clean(self):
        cleaned = super().clean()
        cleaned["group"] = resolve_group(self)
        if not self.errors and cleaned.get("group") is None and not self.pasted:
            raise forms.ValidationError(_("Elige un grupo o pega al menos una matrícula."))
        return cleaned

    def students(self) -> list:
        """The group's students and the pasted ones, each once, in that order."""
        chosen = {}
        group = self.cleaned_data.get("group")
        if group is not None:
            for profile in (
                managed_students(self.viewer)
                .filter(group=group)
                .order_by("user__last_name", "user__second_last_name", "user__first_name")
            ):
                chosen[profile.user_id] = profile.user
        for user in self.pasted:
            chosen.setdefault(user.pk, user)
        return list(chosen.values())


class EnrollmentFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Estado"),
        required=False,
        choices=[("", _("Todos")), *EnrollmentStatus.choices],
    )
