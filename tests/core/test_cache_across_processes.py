"""A change made through one server process counts at the next request through another.

Two real server processes (runserver, no autoreload, no threads) serve the test
database; each keeps its own per-process caches (core/cache_versions.py). Sessions
are written to the database, which both processes read.
"""

import pytest

from impulsa.org import services
from impulsa.org.models import Membership
from impulsa.org.roles import Role
from tests.factories import MembershipFactory
from tests.server_processes import Server
from tests.server_processes import signed_in_session as _session


@pytest.fixture
def servers(transactional_db):
    pair = (Server(), Server())
    try:
        for server in pair:
            server.wait()
        yield pair
    finally:
        for server in pair:
            server.stop()


def test_a_role_removed_through_one_process_is_refused_at_once_by_the_other(servers, world):
    first, second = servers
    admin, alice = _session(world.state_admin_a), _session(world.alice)
    # A person's last role cannot be removed: she also teaches at the sibling campus.
    MembershipFactory(user=world.alice, institution=world.campus_a2, role=Role.TEACHER)
    campus_page = f"/instituciones/{world.campus_a1.pk}/"
    assert second.request("GET", campus_page, alice) == 200  # now in the second's cache

    membership = Membership.objects.get(user=world.alice, role=Role.CAMPUS_ADMIN)
    revoked = first.request("POST", f"/personas/roles/{membership.pk}/retirar/", admin, "x=1")

    assert revoked == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert second.request("GET", campus_page, alice) in (403, 404)


def test_a_role_granted_through_one_process_counts_at_once_in_the_other(servers, world):
    first, second = servers
    admin, alice = _session(world.state_admin_a), _session(world.alice)
    sibling_page = f"/instituciones/{world.campus_a2.pk}/"
    assert second.request("GET", sibling_page, alice) in (403, 404)

    granted = first.request(
        "POST",
        f"/personas/{world.alice.pk}/roles/nuevo/",
        admin,
        f"institution={world.campus_a2.pk}&role={Role.CAMPUS_ADMIN}",
    )

    assert granted == 302
    assert second.request("GET", sibling_page, alice) == 200


def test_a_campus_deactivated_elsewhere_refuses_its_admin_at_the_next_request(servers, world):
    first, second = servers
    alice = _session(world.alice)
    campus_page = f"/instituciones/{world.campus_a1.pk}/"
    assert first.request("GET", campus_page, alice) == 200
    assert second.request("GET", campus_page, alice) == 200

    # This test's own process is a third one.
    services.update_institution(
        actor=world.state_admin_a, institution=world.campus_a1, is_active=False
    )

    assert first.request("GET", campus_page, alice) in (403, 404)
    assert second.request("GET", campus_page, alice) in (403, 404)
