"""The kinds of activity: what each does at publish time, in the player and in the
course outline.

There is no closed list: learning registers content pages; apps above it
(assessment: practice and quizzes; proctoring: exams and diagnostics) register
their kinds from their AppConfig.ready(), because dependencies point one way and
learning cannot import them. `Activity.kind` takes its choices from here.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

# The one kind learning itself provides (content/pages.py).
CONTENT = "content"


@dataclass
class PlayerContext:
    """What the player hands a kind to render one activity for one student."""

    request: Any
    enrollment: Any
    activity: Any  # a PublishedActivity
    progress: Any  # the ActivityProgress row, or None
    preview: bool = False  # a designer previewing: nothing is saved


class ActivityKindHandler(ABC):
    kind: str = ""
    label: Any = ""  # what the author picks in «Tipo» (a lazy translation)
    holds_items = False  # the bank can place items in it
    graded = False  # its completion score counts as a grade (skill summaries)

    def problems(self, activity) -> list[str]:
        """Reasons (Spanish) why this draft activity cannot be published yet."""
        return []

    def freeze(self, activity) -> dict:
        """JSON the published version keeps for this activity (e.g. item versions)."""
        return {}

    def author_links(self, activity) -> list[tuple[str, str]]:
        """(label, URL) of the kind's own authoring pages, shown on the course outline."""
        return []

    @abstractmethod
    def render(self, context: PlayerContext) -> str:
        """The activity's HTML inside the player page."""


_handlers: dict[str, ActivityKindHandler] = {}


def register(handler: ActivityKindHandler) -> None:
    _handlers[handler.kind] = handler


def handler_for(kind: str) -> ActivityKindHandler:
    return _handlers[kind]


def choices() -> list[tuple[str, Any]]:
    """(code, label) of every registered kind, in registration order (the field's
    choices: a callable, so no migration follows a new kind)."""
    return [(h.kind, h.label) for h in _handlers.values()]


def kinds_where(attribute: str) -> list[str]:
    """Codes of the kinds whose handler sets `attribute` (holds_items, graded)."""
    return [h.kind for h in _handlers.values() if getattr(h, attribute)]
