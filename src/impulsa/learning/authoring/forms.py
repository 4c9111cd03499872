"""Forms of the authoring pages. They only collect and shape input; every rule
lives in authoring/services.py, whose DomainErrors the views put back on the right
field (core.forms.add_domain_error)."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from impulsa.core import uploads
from impulsa.learning.content import kinds as activity_kinds
from impulsa.learning.models import Program, Skill, VariantKind
from impulsa.org.api import Institution


class CourseFilterForm(forms.Form):
    program = forms.ChoiceField(
        label=_("Programa"), required=False, choices=[("", _("Todos")), *Program.choices]
    )
    q = forms.CharField(label=_("Buscar por nombre o clave"), required=False, max_length=100)


class InstitutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.short_name or obj.name


class CourseCreateForm(forms.Form):
    name = forms.CharField(label=_("Nombre"), max_length=200)
    description = forms.CharField(
        label=_("Descripción"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    institution = InstitutionChoiceField(
        label=_("Institución dueña"),
        queryset=Institution.objects.none(),
        help_text=_("Quién puede editar el curso; se ofrece a sus planteles."),
    )

    def __init__(self, *args, institution_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = Institution.objects.filter(pk__in=institution_ids).order_by("path")
        self.fields["institution"].queryset = choices
        self.fields["institution"].empty_label = None


class CourseEditForm(forms.Form):
    name = forms.CharField(label=_("Nombre"), max_length=200)
    description = forms.CharField(
        label=_("Descripción"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TitleForm(forms.Form):
    title = forms.CharField(label=_("Título"), max_length=200)


class LessonForm(TitleForm):
    summary = forms.CharField(label=_("Resumen"), max_length=300, required=False)


class ActivityCreateForm(TitleForm):
    kind = forms.ChoiceField(label=_("Tipo"), choices=activity_kinds.choices)


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])

    @property
    def offset(self) -> int:
        return -1 if self.cleaned_data["direction"] == "up" else 1


class SkillChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class SkillForm(forms.Form):
    name = forms.CharField(label=_("Nombre"), max_length=200)
    code = forms.SlugField(
        label=_("Clave"),
        max_length=60,
        required=False,
        help_text=_("Letras, números y guiones; vacía: se toma del nombre."),
    )
    description = forms.CharField(
        label=_("Descripción"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    requires = SkillChoices(
        label=_("Requiere (prerrequisitos)"), queryset=Skill.objects.none(), required=False
    )

    def __init__(self, *args, course, skill=None, **kwargs):
        super().__init__(*args, **kwargs)
        others = Skill.objects.filter(course=course)
        if skill is not None:
            others = others.exclude(pk=skill.pk)
        self.fields["requires"].queryset = others


class ActivitySettingsForm(TitleForm):
    skills = SkillChoices(label=_("Habilidades"), queryset=Skill.objects.none(), required=False)

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].queryset = Skill.objects.filter(course=course)


class VariantForm(forms.Form):
    """One variant of a content page; the video variant keeps a link (and optional
    notes), the others Markdown."""

    kind = forms.ChoiceField(choices=VariantKind.choices, widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Contenido (Markdown)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "true"}),
        help_text=_(
            "**negritas**, *cursivas*, listas con «-», tablas, y matemáticas entre "
            "signos de pesos: $\\frac{a}{b}$ o $$x^2$$."
        ),
    )
    video_url = forms.URLField(
        label=_("Enlace al video"),
        required=False,
        assume_scheme="https",
        help_text=_("Debe empezar con https://."),
    )

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = kind
        # htmx: re-render the preview half a second after the author stops typing.
        # `input` also sees pastes and phone keyboards (which send no usable keyup);
        # a newer request replaces one in flight, so the newest text always wins.
        self.fields["body"].widget.attrs.update(
            {
                "hx-post": reverse("authoring:markdown_preview"),
                "hx-trigger": "input changed delay:500ms, change",
                "hx-sync": "this:replace",
                "hx-target": "#markdown-preview",
                "hx-swap": "innerHTML",
            }
        )
        if kind == VariantKind.VIDEO:
            self.fields["body"].label = _("Notas para acompañar el video (Markdown, opcional)")
            self.fields["body"].widget.attrs["rows"] = 6
        else:
            del self.fields["video_url"]


class AttachmentForm(forms.Form):
    title = forms.CharField(
        label=_("Título"),
        max_length=200,
        required=False,
        help_text=_("Vacío: se usa el nombre del archivo."),
    )
    # The service checks the content (core.uploads); `accept` only guides the picker.
    file = forms.FileField(
        label=_("Archivo"),
        help_text=_(
            "Hasta 20 MB. PDF; imágenes PNG, JPEG, GIF o WebP; documentos de Word, Excel, "
            "PowerPoint u OpenDocument; texto o CSV; audio MP3 o video MP4."
        ),
        widget=forms.FileInput(attrs={"accept": uploads.accept_attribute()}),
    )
