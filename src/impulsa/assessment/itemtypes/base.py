"""What every item type provides: the registry in __init__ dispatches to these callables."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from impulsa.assessment.itemtypes.outcome import Outcome


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
    warnings: Callable[[dict], list[str]] = field(default=lambda body: [])
