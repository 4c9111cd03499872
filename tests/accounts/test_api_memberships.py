"""/api/v1/memberships/: roles in reach, granted and revoked through the services."""

import pytest
from rest_framework.test import APIClient

from impulsa.org.models import Membership
from impulsa.org.roles import Role
from tests.factories import MembershipFactory

MEMBERSHIPS = "/api/v1/memberships/"


@pytest.fixture
def api():
    return APIClient()


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_memberships_list_is_scoped_and_filterable(world, api):
    api.force_authenticate(world.alice)
    listed = _ids(api.get(MEMBERSHIPS))
    assert listed == set(
        Membership.objects.filter(institution=world.campus_a1).values_list("pk", flat=True)
    )
    mine = _ids(api.get(MEMBERSHIPS, {"user": world.student_a1.pk}))
    assert mine == {Membership.objects.get(user=world.student_a1).pk}
    assert _ids(api.get(MEMBERSHIPS, {"user": world.student_b1.pk})) == set()
    assert api.get(MEMBERSHIPS, {"role": "rector"}).status_code == 400


def test_admin_grants_a_role_through_the_api(world, api):
    api.force_authenticate(world.alice)
    response = api.post(
        MEMBERSHIPS,
        {"user": world.teacher_a1.pk, "institution": world.campus_a1.pk, "role": "dual_tutor"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["role_label"] == "Tutor dual"
    assert Membership.objects.filter(user=world.teacher_a1, role=Role.DUAL_TUTOR).exists()


def test_granting_twice_is_a_conflict(world, api):
    api.force_authenticate(world.alice)
    data = {"user": world.teacher_a1.pk, "institution": world.campus_a1.pk, "role": "teacher"}
    response = api.post(MEMBERSHIPS, data, format="json")
    assert response.status_code == 409
    assert "ya tiene ese rol" in response.json()["detail"]


@pytest.mark.parametrize("target", ["user_b1", "campus_b1", "campus_a2"])
def test_alice_cannot_grant_roles_beyond_her_campus(world, api, target):
    api.force_authenticate(world.alice)
    data = {"user": world.teacher_a1.pk, "institution": world.campus_a1.pk, "role": "teacher"}
    if target == "user_b1":
        data["user"] = world.student_b1.pk
    elif target == "campus_b1":
        data["institution"] = world.campus_b1.pk
    else:
        data.update(institution=world.campus_a2.pk, role="dual_tutor")
    before = Membership.objects.count()
    response = api.post(MEMBERSHIPS, data, format="json")
    assert response.status_code in (400, 403)
    assert Membership.objects.count() == before


def test_state_admin_cannot_make_a_national_admin(world, api):
    api.force_authenticate(world.state_admin_a)
    response = api.post(
        MEMBERSHIPS,
        {"user": world.alice.pk, "institution": world.national.pk, "role": "national_admin"},
        format="json",
    )
    assert response.status_code == 400  # the national office is beyond the state's reach
    assert not Membership.objects.filter(role=Role.NATIONAL_ADMIN, user=world.alice).exists()


def test_revoking_through_the_api(world, api):
    extra = MembershipFactory(user=world.teacher_a1, institution=world.campus_a1, role="external")
    api.force_authenticate(world.alice)
    assert api.delete(f"{MEMBERSHIPS}{extra.pk}/").status_code == 204
    assert not Membership.objects.filter(pk=extra.pk).exists()


def test_revoking_the_last_role_is_refused(world, api):
    only = Membership.objects.get(user=world.teacher_a1)
    api.force_authenticate(world.alice)
    response = api.delete(f"{MEMBERSHIPS}{only.pk}/")
    assert response.status_code == 400
    assert "único rol" in response.json()["detail"]
    assert Membership.objects.filter(pk=only.pk).exists()


def test_roles_out_of_reach_are_404_and_teachers_get_403(world, api):
    other = Membership.objects.get(user=world.student_b1)
    api.force_authenticate(world.alice)
    assert api.get(f"{MEMBERSHIPS}{other.pk}/").status_code == 404
    assert api.delete(f"{MEMBERSHIPS}{other.pk}/").status_code == 404
    extra = MembershipFactory(user=world.student_a1, institution=world.campus_a1, role="external")
    api.force_authenticate(world.teacher_a1)
    assert api.get(f"{MEMBERSHIPS}{extra.pk}/").status_code == 200
    assert api.delete(f"{MEMBERSHIPS}{extra.pk}/").status_code == 403
    response = api.post(
        MEMBERSHIPS,
        {"user": world.student_a1.pk, "institution": world.campus_a1.pk, "role": "external"},
        format="json",
    )
    assert response.status_code == 403
    assert Membership.objects.filter(pk__in=[other.pk, extra.pk]).count() == 2
