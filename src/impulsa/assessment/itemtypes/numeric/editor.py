"""The builder's part for numeric items: accepted values (with tolerance) and units."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from impulsa.assessment.itemtypes.editor import (
    HUNDRED,
    BodyEditor,
    Rows,
    credit_input,
    text_input,
    to_fraction,
    to_percent,
)
from impulsa.assessment.itemtypes.numeric_rules import SEPARATORS_RULE


class NumericAnswerRow(forms.Form):
    value = text_input(_("Valor"), inputmode="decimal")
    tolerance = text_input(_("Tolerancia (±)"), inputmode="decimal")
    credit = credit_input()
    feedback = text_input(_("Retroalimentación"))


class UnitRow(forms.Form):
    unit = text_input(_("Unidad"))
    multiplier = text_input(_("Multiplicador"), inputmode="decimal")


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


class NumericEditor(BodyEditor):
    settings_form = NumericForm
    help_text = format_lazy(
        "{} {}",
        _(
            "Se acepta un valor dentro de la tolerancia, también escrito como fracción (3/8) o "
            "número mixto (1 3/4). Sin unidades, la pregunta es «solo el número»: pide en el "
            "enunciado escribir solo el número (una unidad conocida que el alumno agregue no "
            "se califica). Con unidades, la unidad se acepta (opcional u obligatoria) en "
            "cualquier escritura común (cm², cm2, cm^2; °C; $ o pesos); la primera vale 1 y "
            "las demás dicen cuántas caben en ella (cm = 1, mm = 10)."
        ),
        SEPARATORS_RULE,
    )

    def settings_initial(self, body):
        return {
            "unit_required": body.get("unit_required", False),
            "convert_units": body.get("convert_units", False),
            "unsimplified_credit": to_percent(body.get("unsimplified_credit", "1")),
        }

    def build_rows(self, data, body):
        answers = [
            {
                "value": a["value"],
                "tolerance": a["tolerance"],
                "credit": to_percent(a["fraction"]),
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

    def build_body(self):
        answers = [
            {
                "value": row["value"].replace(",", "."),
                "tolerance": (row["tolerance"] or "0").replace(",", "."),
                "fraction": to_fraction(HUNDRED if row["credit"] is None else row["credit"]),
                "feedback": row["feedback"],
            }
            for row in self.rows[0].filled()
        ]
        units = [
            {"unit": row["unit"], "multiplier": (row["multiplier"] or "1").replace(",", ".")}
            for row in self.rows[1].filled()
        ]
        credit = self.settings.cleaned_data["unsimplified_credit"]
        return {
            "answers": answers,
            "units": units,
            "unit_required": self.settings.cleaned_data["unit_required"],
            "convert_units": self.settings.cleaned_data["convert_units"],
            "unsimplified_credit": to_fraction(HUNDRED if credit is None else credit),
        }
