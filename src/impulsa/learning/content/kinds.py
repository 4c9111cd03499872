"""What each kind of activity does at publish time and in the player.

Learning knows content pages; apps above it (assessment: practice and quizzes)
register their kinds here from their AppConfig.ready(), because dependencies
point one way and learning cannot import them.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any


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

    def problems(self, activity) -> list[str]:
        """Reasons (Spanish) why this draft activity cannot be published yet."""
        return []

    def freeze(self, activity) -> dict:
        """JSON the published version keeps for this activity (e.g. item versions)."""
        return {}

    @abstractmethod
    def render(self, context: PlayerContext) -> str:
        """The activity's HTML inside the player page."""


_handlers: dict[str, ActivityKindHandler] = {}


def register(handler: ActivityKindHandler) -> None:
    _handlers[handler.kind] = handler


def handler_for(kind: str) -> ActivityKindHandler:
    return _handlers[kind]
