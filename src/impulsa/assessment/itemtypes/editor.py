"""What every type's part of the item builder shares: the editor base class, the
row formsets (choices, answers, units, pairs) and the small field builders.

Rows are formsets with spare blank rows, so the page works without JavaScript;
bank.js clones a blank row for "Agregar". A row left blank is ignored. The body is
checked by bank.services.clean_version afterwards, whose Spanish message is shown
next to this part of the form. A valid body that is probably a slip (two fully
correct single choices) is held back once with a warning and a box to confirm it.
"""

from abc import ABC, abstractmethod
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from impulsa.core.errors import DomainError

CONFIRM_FIELD = "confirm_warnings"
SPARE_ROWS = 2
HUNDRED = Decimal(100)
CREDIT_LABEL = _("Crédito (%)")
ACCENTS_HELP = _(
    "Márcalo si los acentos cuentan, como en ortografía: «Perú» será correcta y «Peru» no. "
    "La ñ siempre cuenta."
)


def to_percent(fraction) -> Decimal:
    return (Decimal(str(fraction)) * HUNDRED).normalize()


def to_fraction(percent) -> str:
    return str(Decimal(percent) / HUNDRED)


def text_input(label, **attrs):
    return forms.CharField(label=label, required=False, widget=forms.TextInput(attrs=attrs))


def credit_input(label=CREDIT_LABEL):
    return forms.DecimalField(label=label, required=False, min_value=-100, max_value=100)


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


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
    """A type's fields: `settings` (a plain form, may have no fields) and `rows`
    (formsets). `kind` is the ItemType being edited (see registry.editor_for)."""

    settings_form = forms.Form
    help_text = ""

    def __init__(self, kind, data=None, body=None):
        body = body or {}
        self.kind = kind
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

    def _warnings(self, body: dict) -> list[str]:
        try:
            valid = self.kind.validate(body)
        except DomainError:
            return []  # clean_version reports why, next to this part of the form
        return self.kind.warnings(valid)

    def body(self) -> dict:
        """The body; a valid body that is probably a slip (ItemType.warnings) is refused
        with the warning until the author ticks the box that then appears."""
        body = self.build_body()
        warnings = self._warnings(body)
        confirmed = getattr(self.settings, "cleaned_data", {}).get(CONFIRM_FIELD)
        if warnings and not confirmed:
            self._add_confirm_field()
            ask = _("Si así lo quieres, marca «Guardar así: ya revisé el aviso» y guarda de nuevo.")
            raise DomainError(" ".join([*warnings, str(ask)]))
        return body

    def add_error(self, message: str) -> None:
        self.error = message
