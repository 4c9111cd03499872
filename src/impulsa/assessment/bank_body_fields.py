"""Fields of the item builder: one small form per choice, answer, unit or pair, the
formsets (with spare blank rows) that hold them, and each type's settings form;
bank_body_forms.py builds bodies from them."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

SPARE_ROWS = 2
HUNDRED = Decimal(100)


def to_percent(fraction) -> Decimal:
    return (Decimal(str(fraction)) * HUNDRED).normalize()


def to_fraction(percent) -> str:
    return str(Decimal(percent) / HUNDRED)


def _text(label, **attrs):
    return forms.CharField(label=label, required=False, widget=forms.TextInput(attrs=attrs))


CREDIT_LABEL = _("Crédito (%)")


def _credit(label=CREDIT_LABEL):
    return forms.DecimalField(label=label, required=False, min_value=-100, max_value=100)


class SingleChoiceRow(forms.Form):
    text = _text(_("Opción"))
    correct = forms.BooleanField(label=_("Correcta"), required=False)
    credit = _credit(_("Crédito parcial (%)"))
    feedback = _text(_("Retroalimentación"))


class CreditChoiceRow(forms.Form):
    text = _text(_("Opción"))
    credit = _credit()
    feedback = _text(_("Retroalimentación"))


class NumericAnswerRow(forms.Form):
    value = _text(_("Valor"), inputmode="decimal")
    tolerance = _text(_("Tolerancia (±)"), inputmode="decimal")
    credit = _credit()
    feedback = _text(_("Retroalimentación"))


class UnitRow(forms.Form):
    unit = _text(_("Unidad"))
    multiplier = _text(_("Multiplicador"), inputmode="decimal")


class ShortAnswerRow(forms.Form):
    text = _text(_("Respuesta aceptada"))
    credit = _credit()
    feedback = _text(_("Retroalimentación"))
    regex = forms.BooleanField(label=_("Expresión regular"), required=False)


class PairRow(forms.Form):
    left = _text(_("Izquierda"))
    right = _text(_("Derecha"))


class Rows:
    """One formset of rows with its legend and the label of its "Agregar" button."""

    def __init__(self, row_form, prefix, legend, add_label, data, initial):
        factory = forms.formset_factory(row_form, extra=SPARE_ROWS)
        self.formset = factory(data, initial=initial or None, prefix=prefix)
        self.legend, self.add_label = legend, add_label

    def filled(self) -> list[dict]:
        """Cleaned rows that have something written in them."""
        return [
            form.cleaned_data
            for form in self.formset.forms
            if any(v not in (None, "", False) for v in form.cleaned_data.values())
        ]


ACCENTS_LABEL = _("Distinguir acentos")
ACCENTS_HELP = _(
    "Márcalo si los acentos cuentan, como en ortografía: «Perú» será correcta y «Peru» no. "
    "La ñ siempre cuenta."
)


class ShuffleForm(forms.Form):
    shuffle = forms.BooleanField(
        label=_("Barajar las opciones para cada alumno"), required=False, initial=True
    )


class TrueFalseForm(forms.Form):
    answer = forms.TypedChoiceField(
        label=_("Respuesta correcta"),
        choices=[("true", _("Verdadero")), ("false", _("Falso"))],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
    )
    feedback_true = forms.CharField(
        label=_("Retroalimentación si responde «Verdadero»"), required=False
    )
    feedback_false = forms.CharField(
        label=_("Retroalimentación si responde «Falso»"), required=False
    )


class NumericForm(forms.Form):
    unit_required = forms.BooleanField(label=_("La unidad es obligatoria"), required=False)
    convert_units = forms.BooleanField(
        label=_("Convertir otras unidades de la misma magnitud (m ↔ cm, g ↔ kg, min ↔ h)"),
        required=False,
        help_text=_("Si no, quien escriba otra unidad recibe «Escribe el resultado en …»."),
    )
    unsimplified_credit = forms.DecimalField(
        label=_("Crédito de una fracción sin simplificar (26/40 en vez de 13/20), en %"),
        required=False,
        min_value=0,
        max_value=100,
        initial=100,
        help_text=_(
            "Vacío o 100: crédito completo con una nota de que se puede simplificar. Menos "
            "de 100: ese crédito y el mensaje «Simplifica tu resultado»."
        ),
    )


class ShortAnswerForm(forms.Form):
    case_sensitive = forms.BooleanField(
        label=_("Distinguir mayúsculas y minúsculas"), required=False
    )
    accent_sensitive = forms.BooleanField(
        label=ACCENTS_LABEL, help_text=ACCENTS_HELP, required=False
    )
    # A box to turn variants off, so a form posted without it keeps them on.
    exact_only = forms.BooleanField(
        label=_("Sin variantes: aceptar solo las respuestas tal como están escritas"),
        required=False,
        help_text=_(
            "Si no lo marcas, también valen el artículo al inicio y el singular o plural "
            "(«los dos puntos» por «dos puntos»), solo cuando ninguna respuesta coincide tal "
            "cual. La vista previa muestra cómo se calificarían."
        ),
    )


class MatchingForm(forms.Form):
    distractors = forms.CharField(
        label=_("Distractores (opciones de la derecha que no corresponden a nada)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Uno por línea."),
    )


class OrderingForm(forms.Form):
    items = forms.CharField(
        label=_("Elementos en el orden correcto"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Uno por línea; el alumno los verá revueltos."),
    )


class ClozeForm(forms.Form):
    text = forms.CharField(
        label=_("Texto con huecos"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Marca cada hueco con su número: {1}, {2}, … Dentro de una fórmula no encierres "
            "un número solo entre llaves (escribe x^2, no x^{2}): se leería como un hueco."
        ),
    )
    gaps = forms.CharField(
        label=_("Huecos (uno por línea, en orden)"),
        widget=forms.Textarea(attrs={"rows": 4, "class": "font-monospace"}),
        help_text=_(
            "MC: opción única, SA: respuesta corta (SAC distingue mayúsculas), NM: numérica. "
            "«=» marca la respuesta correcta, «~» separa respuestas, «#» da retroalimentación, "
            "«%50%» da crédito parcial y «2:» al inicio pesa el hueco doble. Ejemplos: "
            "<code>MC:=París~Londres~Roma</code> · <code>SA:=veinte~=20</code> · "
            "<code>NM:=3.14:0.01</code>"
        ),
    )
    accent_sensitive = forms.BooleanField(
        label=_("Distinguir acentos en los huecos de respuesta corta"),
        help_text=ACCENTS_HELP,
        required=False,
    )
