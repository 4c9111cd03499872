"""The builder's part for numeric items: accepted values (with tolerance) and units."""

from django import forms
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


class NumericEditor(BodyEditor):
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
        return {
            "answers": answers,
            "units": units,
            "unit_required": self.settings.cleaned_data["unit_required"],
        }
