"""What every item type provides. The registry (registry.py) holds one ItemType per
type folder; the scoring API in __init__, the bank's builder and preview, and the
player dispatch through these fields instead of asking for a type by name."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from impulsa.assessment.itemtypes.outcome import Outcome


def _no_warnings(body: dict) -> list[str]:
    return []


def _no_preview(body: dict, text_format: str) -> dict:
    return {}


def _form_as_posted(body: dict, data, seed: str):
    return data


@dataclass(frozen=True)
class ItemType:
    code: str
    label: Any  # a lazy Spanish label
    # validate(body) -> normalized body, raising DomainError
    validate: Callable[[dict], dict]
    # coerce(body, value) -> response; value is not None; raises DomainError
    coerce: Callable[[dict, Any], Any]
    # score(body, response) -> Outcome for a coerced, non-None response
    score: Callable[[dict, Any], Outcome]
    # from_form(body, data, prefix) -> response or None when unanswered
    from_form: Callable[[dict, Any, str], Any]
    # warnings(body) -> Spanish notes on a valid body that is probably not what the
    # author meant but may be (the builder asks to confirm, an import reports them)
    warnings: Callable[[dict], list[str]] = _no_warnings
    # The builder's part for this type: a BodyEditor subclass (itemtypes/editor.py).
    editor: type | None = None
    # answer_fields(body, response, seed, text_format) -> what the type's answer.html
    # shows as `item.fields` (display orders are stable per `seed`)
    answer_fields: Callable[[dict, Any, str, str], dict] | None = None
    # preview(body, text_format) -> what the type's preview.html shows as `key`
    preview: Callable[[dict, str], dict] = _no_preview
    # read_form(body, data, seed) -> the posted form as from_form reads it (types whose
    # page values are tokens, not indices, turn them back here)
    read_form: Callable[[dict, Any, str], Any] = _form_as_posted
    # mask_size(body) -> how many tokens the page uses (None: values are not masked)
    mask_size: Callable[[dict], int] | None = None
    # A cloze's text, in its body, is the question: it needs no separate stem.
    needs_stem: bool = True

    @property
    def answer_template(self) -> str:
        return f"assessment/itemtypes/{self.code}/answer.html"

    @property
    def preview_template(self) -> str:
        return f"assessment/itemtypes/{self.code}/preview.html"
