"""Forms of the ticket pages; the rules live in services.py (these only collect input)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from impulsa.core.uploads import accept_attribute
from impulsa.helpdesk.models import Category, Priority


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by type and size in the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept_attribute()}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class TicketForm(forms.Form):
    institution = forms.TypedChoiceField(label=_("Plantel o institución"), coerce=int)
    category = forms.ModelChoiceField(
        queryset=Category.objects.filter(is_active=True), label=_("¿Sobre qué es?")
    )
    priority = forms.ChoiceField(
        label=_("Prioridad"), choices=Priority.choices, initial=Priority.NORMAL
    )
    subject = forms.CharField(label=_("Asunto"), max_length=150)
    body = forms.CharField(
        label=_("Cuéntanos qué pasa"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        help_text=_("Di qué intentabas hacer, qué esperabas y qué pasó."),
    )
    files = MultipleFileField(
        label=_("Capturas o archivos (opcional, hasta 5)"),
        help_text=_("PDF, imágenes, documentos de Office u OpenDocument, texto; hasta 10 MB."),
    )

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.institutions = {i.pk: i for i in institutions}
        self.fields["institution"].choices = [(i.pk, str(i)) for i in institutions]
        if len(institutions) == 1:
            self.fields["institution"].widget = forms.HiddenInput()
            self.fields["institution"].initial = institutions[0].pk


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Tu mensaje"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10_000,
        required=False,
    )  # fmt: skip
    files = MultipleFileField(label=_("Adjuntar archivos (opcional)"))


class SupportReplyForm(ReplyForm):
    canned = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Respuesta predefinida"),
        help_text=_("Su texto va antes de lo que escribas."),
    )
    mode = forms.ChoiceField(
        label=_("Tipo de mensaje"),
        choices=[
            ("reply", _("Respuesta al solicitante")),
            ("wait", _("Respuesta y esperar al solicitante (pausa el plazo)")),
            ("note", _("Nota interna (solo soporte)")),
        ],
        initial="reply",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, canned, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["canned"].queryset = canned

    def text(self) -> str:
        data = self.cleaned_data
        parts = [data["canned"].body if data.get("canned") else "", data.get("body", "")]
        return "\n\n".join(p.strip() for p in parts if p and p.strip())


class AssignForm(forms.Form):
    agent = forms.ModelChoiceField(queryset=None, label=_("Asignar a"))

    def __init__(self, *args, agents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = agents
        self.fields["agent"].label_from_instance = lambda u: u.get_full_name() or u.username


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("¿Cómo calificas la atención?"),
        coerce=int,
        choices=[
            (5, _("5 · Excelente")),
            (4, _("4 · Buena")),
            (3, _("3 · Regular")),
            (2, _("2 · Mala")),
            (1, _("1 · Muy mala")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comentario (opcional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip


class CannedForm(forms.Form):
    institution = forms.TypedChoiceField(label=_("Para"), coerce=int)
    title = forms.CharField(label=_("Título"), max_length=120)
    body = forms.CharField(label=_("Texto"), widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.institutions = {i.pk: i for i in institutions}
        self.fields["institution"].choices = [(i.pk, str(i)) for i in institutions]
