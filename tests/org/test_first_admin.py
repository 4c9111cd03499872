"""Set-up's first national admin: granted by nobody, once, at the national office."""

import pytest

from impulsa.core.errors import Conflict, DomainError
from impulsa.org import services
from impulsa.org.models import Membership
from impulsa.org.roles import Kind, Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_first_national_admin_roots_every_later_grant():
    office = services.create_national_office(code="CONALEP", name="CONALEP Nacional")
    admin = UserFactory()

    membership = services.grant_first_national_admin(user=admin, office=office)

    assert (membership.user, membership.institution, membership.role) == (
        admin,
        office,
        Role.NATIONAL_ADMIN,
    )
    assert membership.granted_by is None
    # The grant is in force at once: the new admin builds the tree and grants roles.
    state = services.create_institution(actor=admin, parent=office, code="JAL", name="Jalisco")
    assert state.kind == Kind.STATE
    services.grant_membership(
        actor=admin, user=UserFactory(), institution=state, role=Role.STATE_ADMIN, first_role=True
    )


def test_first_national_admin_is_refused_once_the_office_has_one(world):
    before = Membership.objects.count()
    with pytest.raises(Conflict, match="ya tiene administración nacional"):
        services.grant_first_national_admin(user=UserFactory(), office=world.national)
    assert Membership.objects.count() == before


def test_first_national_admin_goes_only_at_the_national_office(world):
    Membership.objects.filter(role=Role.NATIONAL_ADMIN).delete()
    before = Membership.objects.count()
    with pytest.raises(DomainError, match="oficina nacional"):
        services.grant_first_national_admin(user=UserFactory(), office=world.state_a)
    assert Membership.objects.count() == before
