"""Sections of the home page, contributed by each app in its AppConfig.ready().

The home page lives in accounts, but what a student, a teacher or a director needs
to see there comes from apps above it (learning today; dual, helpdesk... later).
Importing them from accounts would point the dependencies the wrong way, so each
app registers what it shows here, as it registers navigation entries:

- a panel: a template and a function giving its context for the request, or None
  when the panel is not for this user (the function asks the access rule);
- a node figure: counts about an institution and everything below it (a
  director's home gathers the figures of every app into one card).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HomePanel:
    key: str
    template: str
    context: Callable[[object], dict | None]  # request -> context, None: not shown
    order: int = 100


@dataclass(frozen=True)
class Figure:
    label: str
    value: int
    help: str = ""


@dataclass(frozen=True)
class ShownPanel:
    key: str
    template: str
    context: dict


_panels: dict[str, HomePanel] = {}
# key -> (user, institution) -> figures; kept ordered by registration.
_figures: dict[str, Callable[[object, object], list[Figure]]] = {}


def register(*panels: HomePanel) -> None:
    for panel in panels:
        _panels[panel.key] = panel


def register_figures(key: str, figures: Callable[[object, object], list[Figure]]) -> None:
    _figures[key] = figures


def panels_for(request) -> list[ShownPanel]:
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: p.order):
        context = panel.context(request)
        if context is not None:
            shown.append(ShownPanel(panel.key, panel.template, context))
    return shown


def figures_for(user, institution) -> list[Figure]:
    """Every app's counts about `institution` and below, as `user` may read them."""
    return [figure for collect in _figures.values() for figure in collect(user, institution)]
