"""The per-type part of the item builder: editors that build the body JSON from the
forms and row formsets of bank_body_fields.py.

Rows (choices, answers, units, pairs) are formsets with spare blank rows, so the
page works without JavaScript; bank.js clones a blank row for "Agregar". A row left
blank is ignored. The body is checked by services.clean_version afterwards, whose
Spanish message is shown next to this part of the form. A valid body that is
probably a slip (two fully correct single choices) is held back once with a
warning and a box to confirm it.
"""

from abc import ABC, abstractmethod
from decimal import Decimal

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from impulsa.assessment import itemtypes
from impulsa.assessment.bank_body_fields import (
    HUNDRED,
    ClozeForm,
    CreditChoiceRow,
    MatchingForm,
    NumericAnswerRow,
    NumericForm,
    OrderingForm,
    PairRow,
    Rows,
    ShortAnswerForm,
    ShortAnswerRow,
    ShuffleForm,
    SingleChoiceRow,
    TrueFalseForm,
    UnitRow,
    to_fraction,
    to_percent,
)
from impulsa.assessment.bank_cloze import format_gaps, parse_gaps
from impulsa.assessment.itemtypes.numeric_rules import SEPARATORS_RULE
from impulsa.core.errors import DomainError

CONFIRM_FIELD = "confirm_warnings"


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
        # The box appears once the builder has warned; a post that ticked it carries it.
        if data is not None and f"body-{CONFIRM_FIELD}" in data:
            self._add_confirm_field()

    def _add_confirm_field(self) -> None:
        self.settings.fields[CONFIRM_FIELD] = forms.BooleanField(
            label=_("Guardar así: ya revisé el aviso"), required=False
        )

    def settings_initial(self, body) -> dict:
        return {}

    def build_rows(self, data, body) -> list[Rows]:
        return []

    def is_valid(self) -> bool:
        valid = self.settings.is_valid()
        return all([valid, *(r.formset.is_valid() for r in self.rows)])

    @abstractmethod
    def build_body(self) -> dict:
        """The body JSON from valid forms (DomainError for what only the editor can tell)."""

    def body(self) -> dict:
        """The body; a valid body that is probably a slip (itemtypes.warnings) is refused
        with the warning until the author ticks the box that then appears."""
        body = self.build_body()
        warnings = itemtypes.warnings(self.item_type, body)
        confirmed = getattr(self.settings, "cleaned_data", {}).get(CONFIRM_FIELD)
        if warnings and not confirmed:
            self._add_confirm_field()
            ask = _("Si así lo quieres, marca «Guardar así: ya revisé el aviso» y guarda de nuevo.")
            raise DomainError(" ".join([*warnings, str(ask)]))
        return body

    def add_error(self, message: str) -> None:
        self.error = message


def _choices(rows) -> list[dict]:
    return [
        {
            "text": row["text"],
            "fraction": to_fraction(row["credit"] or 0),
            "feedback": row["feedback"],
        }
        for row in rows
    ]


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
                "credit": None if Decimal(c["fraction"]) in (0, 1) else to_percent(c["fraction"]),
                "feedback": c["feedback"],
            }
            for c in body.get("choices", [])
        ]
        return [Rows(SingleChoiceRow, "choices", _("Opciones"), _("Agregar opción"), data, initial)]

    def build_body(self):
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
            {"text": c["text"], "credit": to_percent(c["fraction"]), "feedback": c["feedback"]}
            for c in body.get("choices", [])
        ]
        return [Rows(CreditChoiceRow, "choices", _("Opciones"), _("Agregar opción"), data, initial)]

    def build_body(self):
        rows = self.rows[0].filled()
        return {"choices": _choices(rows), "shuffle": self.settings.cleaned_data["shuffle"]}


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

    def build_body(self):
        return dict(self.settings.cleaned_data)


class NumericEditor(BodyEditor):
    item_type = "numeric"
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
        return {
            "answers": answers,
            "units": units,
            "unit_required": self.settings.cleaned_data["unit_required"],
            "convert_units": self.settings.cleaned_data["convert_units"],
            "unsimplified_credit": to_fraction(
                self.settings.cleaned_data["unsimplified_credit"] or HUNDRED
            ),
        }


class ShortAnswerEditor(BodyEditor):
    item_type = "short_answer"
    settings_form = ShortAnswerForm
    help_text = _(
        "Se ignoran los espacios de más y, salvo que lo marques abajo, los acentos y las "
        "mayúsculas. Crédito vacío = 100 %. Una expresión regular debe coincidir con toda "
        "la respuesta."
    )

    def settings_initial(self, body):
        return {
            "case_sensitive": body.get("case_sensitive", False),
            "accent_sensitive": body.get("accent_sensitive", False),
            "exact_only": not body.get("accept_variants", True),
        }

    def build_rows(self, data, body):
        initial = [
            {
                "text": a["text"],
                "credit": to_percent(a["fraction"]),
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

    def build_body(self):
        answers = [
            {
                "text": row["text"],
                "fraction": to_fraction(HUNDRED if row["credit"] is None else row["credit"]),
                "feedback": row["feedback"],
                "regex": row["regex"],
            }
            for row in self.rows[0].filled()
        ]
        settings = self.settings.cleaned_data
        return {
            "answers": answers,
            "case_sensitive": settings["case_sensitive"],
            "accent_sensitive": settings["accent_sensitive"],
            "accept_variants": not settings["exact_only"],
        }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class MatchingEditor(BodyEditor):
    item_type = "matching"
    settings_form = MatchingForm

    def settings_initial(self, body):
        return {"distractors": "\n".join(body.get("distractors", []))}

    def build_rows(self, data, body):
        return [Rows(PairRow, "pairs", _("Pares"), _("Agregar par"), data, body.get("pairs"))]

    def build_body(self):
        return {
            "pairs": [{"left": r["left"], "right": r["right"]} for r in self.rows[0].filled()],
            "distractors": _lines(self.settings.cleaned_data["distractors"]),
        }


class OrderingEditor(BodyEditor):
    item_type = "ordering"
    settings_form = OrderingForm

    def settings_initial(self, body):
        return {"items": "\n".join(body.get("items", []))}

    def build_body(self):
        return {"items": _lines(self.settings.cleaned_data["items"])}


class ClozeEditor(BodyEditor):
    item_type = "cloze"
    settings_form = ClozeForm

    def settings_initial(self, body):
        gaps = body.get("gaps", [])
        return {
            "text": body.get("text", ""),
            "gaps": format_gaps(gaps),
            "accent_sensitive": any(g["body"].get("accent_sensitive") for g in gaps),
        }

    def build_body(self):
        data = self.settings.cleaned_data
        gaps = parse_gaps(data["gaps"], accent_sensitive=data["accent_sensitive"])
        return {"text": data["text"], "gaps": gaps}


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
