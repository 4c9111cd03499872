"""Demo data for dual (seed_demo runs it after the people and courses)."""

from impulsa.core.demo import DemoStep
from impulsa.core.demo import register as register_step


def seed() -> list[str]:
    from impulsa.dual.demo_data import seed_dual

    return seed_dual()


def register() -> None:
    register_step(DemoStep(order=60, name="dual", run=seed))
