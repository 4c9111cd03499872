"""The per-type part of the item builder: forms and row formsets that build the body JSON.

Rows (choices, answers, units, pairs) are formsets with spare blank rows, so the
page works without JavaScript; bank.js clones a blank row for "Agregar". A row left
blank is ignored. The body is checked by services.clean_version afterwards, whose
Spanish message is shown next to this part of the form.
"""

from abc import ABC, abstractmethod
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from impulsa.assessment.bank_cloze import format_gaps, parse_gaps

SPARE_ROWS = 2
HUNDRED = Decimal(100)


def _percent(fraction) -> Decimal:
    return (Decimal(str(fraction)) * HUNDRED).normalize()


def _fraction(percent) -> str:
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


class BodyEditor(ABC):
    """A type's fields: `settings` (a plain form, may have no fields) and `rows` (formsets)."""

    item_type = ""
    settings_form = forms.Form
    help_text = ""

    def __init__(self, data=None, body=None):
        body = body or {}
        self.settings = self.settings_form(data, initial=self.settings_initial(body), prefix="body")
        self.rows = self.build_rows(data, body)
        self.error = ""

    def settings_initial(self, body) -> dict:
        return {}

    def build_rows(self, data, body) -> list[Rows]:
        return []

    def is_valid(self) -> bool:
        valid = self.settings.is_valid()
        return all([valid, *(r.formset.is_valid() for r in self.rows)])

    @abstractmethod
    def body(self) -> dict:
        """The body JSON from valid forms (DomainError for what only the editor can tell)."""

    def add_error(self, message: str) -> None:
        self.error = message


def _choices(rows) -> list[dict]:
    return [
        {
            "text": row["text"],
            "fraction": _fraction(row["credit"] or 0),
            "feedback": row["feedback"],
        }
        for row in rows
    ]


class ShuffleForm(forms.Form):
    shuffle = forms.BooleanField(
        label=_("Barajar las opciones para cada alumno"), required=False, initial=True
    )


class SingleChoiceEditor(BodyEditor):
    item_type = "single_choice"
    settings_form = ShuffleForm
    help_text = _("Marca la opción correcta; las demás pueden dar crédito parcial.")

    def settings_initial(self, body):
        return {"shuffle": body.get("shuffle", True)}

    def build_rows(self, data, body):
        initial = [
            {
                "text": c["text"],
                "correct": Decimal(c["fraction"]) == 1,
                "credit": None if Decimal(c["fraction"]) in (0, 1) else _percent(c["fraction"]),
                "feedback": c["feedback"],
            }
            for c in body.get("choices", [])
        ]
        return [Rows(SingleChoiceRow, "choices", _("Opciones"), _("Agregar opción"), data, initial)]

    def body(self):
        rows = self.rows[0].filled()
        for row in rows:
            if row["correct"]:
                row["credit"] = HUNDRED
        return {"choices": _choices(rows), "shuffle": self.settings.cleaned_data["shuffle"]}


class MultipleChoiceEditor(SingleChoiceEditor):
    item_type = "multiple_choice"
    help_text = _(
        "Las opciones correctas suman 100 %; las incorrectas pueden restar (por ejemplo −50)."
    )

    def build_rows(self, data, body):
        initial = [
            {"text": c["text"], "credit": _percent(c["fraction"]), "feedback": c["feedback"]}
            for c in body.get("choices", [])
        ]
        return [Rows(CreditChoiceRow, "choices", _("Opciones"), _("Agregar opción"), data, initial)]

    def body(self):
        rows = self.rows[0].filled()
        return {"choices": _choices(rows), "shuffle": self.settings.cleaned_data["shuffle"]}


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


class TrueFalseEditor(BodyEditor):
    item_type = "true_false"
    settings_form = TrueFalseForm

    def settings_initial(self, body):
        answer = body.get("answer", True)
        return {
            "answer": "true" if answer else "false",
            "feedback_true": body.get("feedback_true", ""),
            "feedback_false": body.get("feedback_false", ""),
        }

    def body(self):
        return dict(self.settings.cleaned_data)


class NumericForm(forms.Form):
    unit_required = forms.BooleanField(label=_("La unidad es obligatoria"), required=False)


class NumericEditor(BodyEditor):
    item_type = "numeric"
    settings_form = NumericForm
    help_text = _(
        "Se acepta un valor dentro de la tolerancia. Unidades opcionales: la primera "
        "vale 1 y las demás dicen cuántas caben en ella (cm = 1, mm = 10)."
    )

    def settings_initial(self, body):
        return {"unit_required": body.get("unit_required", False)}

    def build_rows(self, data, body):
        answers = [
            {
                "value": a["value"],
                "tolerance": a["tolerance"],
                "credit": _percent(a["fraction"]),
                "feedback": a["feedback"],
            }
            for a in body.get("answers", [])
        ]
        return [
            Rows(
                NumericAnswerRow, "answers", _("Respuestas"), _("Agregar respuesta"), data, answers
            ),
            Rows(UnitRow, "units", _("Unidades"), _("Agregar unidad"), data, body.get("units")),
        ]

    def body(self):
        answers = [
            {
                "value": row["value"].replace(",", "."),
                "tolerance": (row["tolerance"] or "0").replace(",", "."),
                "fraction": _fraction(HUNDRED if row["credit"] is None else row["credit"]),
                "feedback": row["feedback"],
            }
            for row in self.rows[0].filled()
        ]
        units = [
            {"unit": row["unit"], "multiplier": (row["multiplier"] or "1").replace(",", ".")}
            for row in self.rows[1].filled()
        ]
        return {
            "answers": answers,
            "units": units,
            "unit_required": self.settings.cleaned_data["unit_required"],
        }


class ShortAnswerForm(forms.Form):
    case_sensitive = forms.BooleanField(
        label=_("Distinguir mayúsculas y minúsculas"), required=False
    )


class ShortAnswerEditor(BodyEditor):
    item_type = "short_answer"
    settings_form = ShortAnswerForm
    help_text = _(
        "Se ignoran acentos y espacios de más. Crédito vacío = 100 %. Una expresión "
        "regular debe coincidir con toda la respuesta."
    )

    def settings_initial(self, body):
        return {"case_sensitive": body.get("case_sensitive", False)}

    def build_rows(self, data, body):
        initial = [
            {
                "text": a["text"],
                "credit": _percent(a["fraction"]),
                "feedback": a["feedback"],
                "regex": a["regex"],
            }
            for a in body.get("answers", [])
        ]
        return [
            Rows(
                ShortAnswerRow,
                "answers",
                _("Respuestas aceptadas"),
                _("Agregar respuesta"),
                data,
                initial,
            )
        ]

    def body(self):
        answers = [
            {
                "text": row["text"],
                "fraction": _fraction(HUNDRED if row["credit"] is None else row["credit"]),
                "feedback": row["feedback"],
                "regex": row["regex"],
            }
            for row in self.rows[0].filled()
        ]
        return {"answers": answers, "case_sensitive": self.settings.cleaned_data["case_sensitive"]}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class MatchingForm(forms.Form):
    distractors = forms.CharField(
        label=_("Distractores (opciones de la derecha que no corresponden a nada)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Uno por línea."),
    )


class MatchingEditor(BodyEditor):
    item_type = "matching"
    settings_form = MatchingForm

    def settings_initial(self, body):
        return {"distractors": "\n".join(body.get("distractors", []))}

    def build_rows(self, data, body):
        return [Rows(PairRow, "pairs", _("Pares"), _("Agregar par"), data, body.get("pairs"))]

    def body(self):
        return {
            "pairs": [{"left": r["left"], "right": r["right"]} for r in self.rows[0].filled()],
            "distractors": _lines(self.settings.cleaned_data["distractors"]),
        }


class OrderingForm(forms.Form):
    items = forms.CharField(
        label=_("Elementos en el orden correcto"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Uno por línea; el alumno los verá revueltos."),
    )


class OrderingEditor(BodyEditor):
    item_type = "ordering"
    settings_form = OrderingForm

    def settings_initial(self, body):
        return {"items": "\n".join(body.get("items", []))}

    def body(self):
        return {"items": _lines(self.settings.cleaned_data["items"])}


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


class ClozeEditor(BodyEditor):
    item_type = "cloze"
    settings_form = ClozeForm

    def settings_initial(self, body):
        return {"text": body.get("text", ""), "gaps": format_gaps(body.get("gaps", []))}

    def body(self):
        data = self.settings.cleaned_data
        return {"text": data["text"], "gaps": parse_gaps(data["gaps"])}


EDITORS: dict[str, type[BodyEditor]] = {
    editor.item_type: editor
    for editor in (
        SingleChoiceEditor,
        MultipleChoiceEditor,
        TrueFalseEditor,
        NumericEditor,
        ShortAnswerEditor,
        MatchingEditor,
        OrderingEditor,
        ClozeEditor,
    )
}


def editor_for(item_type: str, data=None, body=None) -> BodyEditor:
    return EDITORS[item_type](data, body)
