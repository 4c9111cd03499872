import pytest
from auditlog.cid import set_cid

from impulsa.org.api import Role
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def director_a(world):
    """The director of state college A: read-only at the state, audits A1 and A2."""
    user = UserFactory(username="director_jal", first_name="Dolores", last_name="Ibarra")
    MembershipFactory(user=user, institution=world.state_a, role=Role.DIRECTOR)
    return user


@pytest.fixture(autouse=True)
def _forget_correlation_id():
    """auditlog keeps the last request's X-Correlation-ID in a context variable; a test
    that sends one must not lend it to entries written later outside any request."""
    yield
    set_cid(None)
