import pytest

from tests.dual.builders import build_dual
from tests.learning_builders import build_course


@pytest.fixture
def dual(world):
    """Campus A1's dual picture: company, agreements, active placement of student_a1."""
    built = build_course(world.designer, institution=world.national, name="Curso dual")
    return build_dual(
        world.alice, world.campus_a1, world.student_a1, world.career_a1, built.skills,
        label="a", seed=1,
    )  # fmt: skip
