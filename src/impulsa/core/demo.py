"""Demo data steps. accounts' `seed_demo` builds the people and institutions, then
runs the steps other apps register here (in their AppConfig.ready()) in order: an
app above accounts cannot be called from it directly, dependencies point one way.
Each step must be idempotent and returns lines to print."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoStep:
    order: int
    name: str
    run: Callable[[], list[str]]


_steps: dict[str, DemoStep] = {}


def register(step: DemoStep) -> None:
    _steps[step.name] = step


def steps() -> list[DemoStep]:
    return sorted(_steps.values(), key=lambda s: s.order)
