"""Forms of the people pages: what a person can type, with choices limited to the
viewer's reach. Business rules live in accounts/services.py; these only parse."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from impulsa.accounts import curp as curp_rules
from impulsa.accounts import selectors
from impulsa.accounts.services import PasswordMode
from impulsa.core.errors import DomainError
from impulsa.org.api import (
    Capability,
    Career,
    Group,
    Kind,
    Role,
    group_search_box,
    primary_institution_id,
    reachable_careers,
    reachable_groups,
    reachable_institutions,
    resolve_group,
)

SEMESTER_CHOICES = [(n, str(n)) for n in range(1, 7)]
STAFF_ROLE_CHOICES = [(value, label) for value, label in Role.choices if value != Role.STUDENT]


class InstitutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.code})"


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(name)s · %(period)s · %(semester)s.º semestre") % {
            "name": obj.name,
            "period": obj.period,
            "semester": obj.semester,
        }


def _institutions(viewer, capability: Capability):
    return reachable_institutions(viewer, capability).order_by("path")


class PeopleFilterForm(forms.Form):
    """The list's search box and filters (GET). Career and group are offered once the
    list is narrowed to one campus (or the viewer reaches only one): across campuses
    every campus has its own careers and groups, and the lists would be unusable."""

    q = forms.CharField(
        label=_("Buscar"),
        required=False,
        max_length=100,
        help_text=_("Nombre, usuario, matrícula, correo o CURP completa."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    institution = InstitutionChoiceField(
        label=_("Institución"), queryset=None, required=False, empty_label=_("Todas")
    )
    role = forms.ChoiceField(label=_("Rol"), required=False)
    career = forms.ModelChoiceField(
        label=_("Carrera"), queryset=None, required=False, empty_label=_("Todas")
    )
    # A hidden id beside a searchable box (org.pickers): a campus has hundreds of groups.
    group = forms.ModelChoiceField(queryset=None, required=False, widget=forms.HiddenInput)
    semester = forms.TypedChoiceField(
        label=_("Semestre"),
        choices=[("", _("Todos")), *SEMESTER_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    active = forms.TypedChoiceField(
        label=_("Estado"),
        choices=[("", _("Todas")), ("1", _("Activas")), ("0", _("Desactivadas"))],
        coerce=lambda value: value == "1",
        empty_value=None,
        required=False,
    )

    def __init__(self, data=None, *, viewer, **kwargs):
        super().__init__(data, **kwargs)
        self.viewer = viewer
        self.fields["institution"].queryset = _institutions(viewer, Capability.VIEW_PEOPLE)
        self.fields["role"].choices = [("", _("Todos")), *Role.choices]
        self.campus = self._campus_in_focus()
        careers = reachable_careers(viewer, Capability.VIEW_PEOPLE).order_by("name")
        groups = reachable_groups(viewer, Capability.VIEW_PEOPLE).order_by(
            "-period__starts_on", "name"
        )
        if self.campus is not None:
            careers, groups = careers.filter(campus=self.campus), groups.filter(campus=self.campus)
        self.fields["career"].queryset = careers
        self.fields["group"].queryset = groups
        if self.campus is None:
            # Still accepted from a link (validated against the reach), not offered.
            self.fields["career"].widget = forms.HiddenInput()
        else:
            self.fields["group_q"] = group_search_box(
                use="personas", campus=self.campus, empty_label=_("Todos")
            )
            self.order_fields(["q", "institution", "role", "career", "group_q"])

    def _campus_in_focus(self):
        """The campus the list is narrowed to, if any: the chosen institution when it
        is a campus, or the only campus the viewer reaches."""
        chosen = self.data.get("institution") if self.is_bound else None
        institutions = self.fields["institution"].queryset
        if chosen:
            return (
                institutions.filter(pk=chosen, kind=Kind.CAMPUS).first()
                if chosen.isdigit()
                else None
            )
        campuses = list(institutions.filter(kind=Kind.CAMPUS)[:2])
        return campuses[0] if len(campuses) == 1 else None

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    def clean(self):
        cleaned = super().clean()
        if "group_q" in self.fields:
            cleaned["group"] = resolve_group(self)
        return cleaned

    def criteria(self) -> selectors.PeopleFilter:
        data = self.cleaned_data
        text, curp = data["q"], ""
        if text:
            try:
                curp = curp_rules.validate(text).value
            except DomainError:
                curp = ""
            else:
                text = ""
        return selectors.PeopleFilter(
            text=text,
            curp=curp,
            institution=data["institution"],
            role=data["role"],
            career=data["career"],
            group=data["group"],
            semester=data["semester"],
            is_active=data["active"],
        )

    @property
    def searches_by_curp(self) -> bool:
        return self.is_valid() and bool(self.criteria().curp)


class StaffCreateForm(forms.Form):
    username = forms.CharField(
        label=_("Usuario"),
        max_length=150,
        help_text=_("Con él entrará a Impulsa. Letras, dígitos y @ . + - _"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    first_name = forms.CharField(label=_("Nombre(s)"), max_length=150)
    last_name = forms.CharField(label=_("Primer apellido"), max_length=150)
    second_last_name = forms.CharField(label=_("Segundo apellido"), max_length=150, required=False)
    email = forms.EmailField(label=_("Correo electrónico"), required=False)
    curp = forms.CharField(
        label=_("CURP"),
        max_length=18,
        required=False,
        help_text=_("Opcional. Se guarda cifrada."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    institution = InstitutionChoiceField(label=_("Institución"), queryset=None)
    role = forms.ChoiceField(label=_("Rol"), choices=STAFF_ROLE_CHOICES)
    password_mode = forms.ChoiceField(
        label=_("Contraseña"),
        choices=[
            (PasswordMode.EMAIL, _("Enviar por correo un enlace para que la elija")),
            (PasswordMode.TEMPORARY, _("Generar una contraseña temporal y mostrármela una vez")),
        ],
        initial=PasswordMode.EMAIL,
        widget=forms.RadioSelect,
    )

    def __init__(self, data=None, *, actor, **kwargs):
        super().__init__(data, **kwargs)
        institutions = _institutions(actor, Capability.MANAGE_PEOPLE)
        self.fields["institution"].queryset = institutions
        own = primary_institution_id(actor)
        if own is not None:
            self.fields["institution"].initial = own


class PersonEditForm(forms.Form):
    """Fields depend on the person and the editor: personal data only for editors who
    may see it, career / group / semester only for students."""

    first_name = forms.CharField(label=_("Nombre(s)"), max_length=150)
    last_name = forms.CharField(label=_("Primer apellido"), max_length=150)
    second_last_name = forms.CharField(label=_("Segundo apellido"), max_length=150, required=False)
    email = forms.EmailField(label=_("Correo electrónico"), required=False)
    preferred_language = forms.ChoiceField(label=_("Idioma"), choices=settings.LANGUAGES)
    curp = forms.CharField(
        label=_("CURP"),
        max_length=18,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    phone = forms.CharField(
        label=_("Teléfono"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    address = forms.CharField(
        label=_("Domicilio"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    career = forms.ModelChoiceField(label=_("Carrera"), queryset=None)
    group = GroupChoiceField(
        label=_("Grupo"), queryset=None, required=False, empty_label=_("Sin grupo")
    )
    semester = forms.TypedChoiceField(label=_("Semestre"), choices=SEMESTER_CHOICES, coerce=int)

    PERSONAL = ("curp", "phone", "address")
    STUDENT = ("career", "group", "semester")

    def __init__(self, data=None, *, person, personal_data: bool, **kwargs):
        initial = {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "second_last_name": person.second_last_name,
            "email": person.email,
            "preferred_language": person.preferred_language,
        }
        if personal_data:
            initial.update(curp=person.curp, phone=person.phone, address=person.address)
        profile = getattr(person, "student_profile", None)
        if profile is not None:
            initial.update(
                career=profile.career_id, group=profile.group_id, semester=profile.semester
            )
        super().__init__(data, initial=initial, **kwargs)
        if not personal_data:
            for name in self.PERSONAL:
                del self.fields[name]
        if profile is None:
            for name in self.STUDENT:
                del self.fields[name]
        else:
            self.fields["career"].queryset = Career.objects.filter(
                campus=profile.campus_id
            ).order_by("name")
            # Groups of the current period, plus the one the student is in now.
            current = Group.objects.filter(campus=profile.campus_id, period__is_current=True)
            if profile.group_id:
                current = current | Group.objects.filter(pk=profile.group_id)
            self.fields["group"].queryset = current.select_related("period").order_by(
                "-period__starts_on", "name"
            )

    def changes(self) -> dict:
        """Only what the person edited, so an unchanged field is never re-validated
        against rules that changed since it was stored."""
        return {name: self.cleaned_data[name] for name in self.changed_data}


class MembershipForm(forms.Form):
    institution = InstitutionChoiceField(label=_("Institución"), queryset=None)
    role = forms.ChoiceField(label=_("Rol"))

    def __init__(self, data=None, *, actor, person, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["institution"].queryset = _institutions(actor, Capability.MANAGE_PEOPLE)
        has_profile = hasattr(person, "student_profile")
        self.fields["role"].choices = [
            ("", "---------"),
            *(
                (value, label)
                for value, label in Role.choices
                if value != Role.STUDENT or has_profile
            ),
        ]
