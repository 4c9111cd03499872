"""Demo data for the help desk (seed_demo runs it after the people and courses)."""

from impulsa.core.demo import DemoStep
from impulsa.core.demo import register as register_step


def seed() -> list[str]:
    from impulsa.helpdesk.demo_data import seed_helpdesk

    return seed_helpdesk()


def register() -> None:
    register_step(DemoStep(order=80, name="helpdesk", run=seed))
