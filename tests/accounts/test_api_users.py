"""/api/v1/users/: the same reach as the people pages, personal data only where allowed,
staff accounts created through the service, token callers scoped and audited."""

import pytest
from rest_framework.test import APIClient

from impulsa.accounts.models import User
from impulsa.audit.models import AuditEntry
from impulsa.org.models import Membership
from impulsa.org.roles import Role
from tests.conftest import current_token
from tests.factories import PASSWORD, MembershipFactory, UserFactory, make_curp

USERS = "/api/v1/users/"


@pytest.fixture
def api():
    return APIClient()


def _token_client(user) -> APIClient:
    """A client holding an API token obtained through the real token endpoint."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = APIClient()
    data = {"username": user.username, "password": PASSWORD}
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "app"}
    )
    data["otp"] = current_token(device)
    response = client.post("/api/v1/auth/token/", data)
    assert response.status_code == 200, response.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_token_caller_lists_only_people_of_the_campus(world):
    client = _token_client(world.alice)
    assert _ids(client.get(USERS)) == {world.alice.pk, world.teacher_a1.pk, world.student_a1.pk}


def test_state_admin_lists_both_campuses_of_the_state(world, api):
    api.force_authenticate(world.state_admin_a)
    ids = _ids(api.get(USERS))
    assert {world.student_a1.pk, world.student_a2.pk, world.bob.pk} <= ids
    assert not {world.student_b1.pk, world.charlie.pk} & ids


def test_people_out_of_reach_are_404(world):
    client = _token_client(world.alice)
    for person in (world.student_a2, world.student_b1, world.charlie):
        assert client.get(f"{USERS}{person.pk}/").status_code == 404
    assert client.get(f"{USERS}{world.student_a1.pk}/").status_code == 200


def test_personal_data_only_for_callers_allowed_to_see_it(world, api):
    api.force_authenticate(world.alice)
    body = api.get(f"{USERS}{world.student_a1.pk}/").json()
    assert body["personal_data"]["curp"] == make_curp(1)
    assert body["student_profile"]["group_name"] == "101"
    api.force_authenticate(world.teacher_a1)
    body = api.get(f"{USERS}{world.student_a1.pk}/").json()
    assert body["personal_data"] is None
    assert make_curp(1) not in str(api.get(USERS).json())


def test_roles_outside_the_callers_reach_are_not_listed(world, api):
    MembershipFactory(user=world.teacher_a1, institution=world.campus_b1, role=Role.TEACHER)
    api.force_authenticate(world.alice)
    roles = api.get(f"{USERS}{world.teacher_a1.pk}/").json()["memberships"]
    assert [(r["institution"], r["role"]) for r in roles] == [(world.campus_a1.pk, "teacher")]


def test_list_filters_like_the_page(world, api):
    api.force_authenticate(world.state_admin_a)
    assert _ids(api.get(USERS, {"role": "student"})) == {world.student_a1.pk, world.student_a2.pk}
    assert _ids(api.get(USERS, {"q": make_curp(2)})) == {world.student_a2.pk}
    assert _ids(api.get(USERS, {"institution": world.campus_a1.pk, "role": "teacher"})) == {
        world.teacher_a1.pk
    }
    # An institution outside the caller's reach names no one (as on every other list).
    assert _ids(api.get(USERS, {"institution": world.campus_b1.pk})) == set()
    response = api.get(USERS, {"institution": "abc"})
    assert response.status_code == 400
    assert response.json()["field"] == "institution"


def test_list_queries_are_bounded(world, api, django_assert_max_num_queries):
    for _ in range(30):
        user = UserFactory()
        MembershipFactory(user=user, institution=world.campus_a1, role=Role.TEACHER)
    api.force_authenticate(world.alice)
    with django_assert_max_num_queries(8):
        response = api.get(USERS)
    assert response.json()["count"] == 33


def test_admin_creates_a_staff_account_through_the_api(
    world, api, mailoutbox, django_capture_on_commit_callbacks
):
    api.force_authenticate(world.alice)
    data = {
        "username": "jlopez",
        "first_name": "Javier",
        "last_name": "López",
        "email": "jlopez@conalep.edu.mx",
        "institution": world.campus_a1.pk,
        "role": "teacher",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(USERS, data, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["temporary_password"] is None
    assert body["memberships"][0]["role"] == "teacher"
    assert len(mailoutbox) == 1
    assert not User.objects.get(username="jlopez").has_usable_password()


def test_temporary_password_comes_back_once(world, api):
    api.force_authenticate(world.alice)
    data = {
        "username": "jlopez",
        "first_name": "Javier",
        "last_name": "López",
        "institution": world.campus_a1.pk,
        "role": "dual_tutor",
        "password_mode": "temporary",
    }
    body = api.post(USERS, data, format="json").json()
    assert User.objects.get(username="jlopez").check_password(body["temporary_password"])
    assert "temporary_password" not in api.get(f"{USERS}{body['id']}/").json()


def test_token_callers_changes_are_audited_under_their_name(world):
    client = _token_client(world.alice)
    data = {
        "username": "jlopez",
        "first_name": "Javier",
        "last_name": "López",
        "institution": world.campus_a1.pk,
        "role": "teacher",
        "password_mode": "temporary",
    }
    assert client.post(USERS, data, format="json").status_code == 201
    user = User.objects.get(username="jlopez")
    entry = AuditEntry.objects.get(
        object_pk=str(user.pk), action=AuditEntry.Action.CREATE, content_type__model="user"
    )
    assert entry.actor == world.alice


@pytest.mark.parametrize(
    ("data", "status", "text"),
    [
        ({"role": "student"}, 400, "Importar alumnos"),
        ({"curp": "ABC"}, 400, "18 caracteres"),
        ({"username": "alice"}, 409, "Ya existe"),
        ({"role": "campus_admin", "institution": "A2"}, 400, "institution"),
    ],
)
def test_bad_api_creations_are_refused_in_spanish(world, api, data, status, text):
    api.force_authenticate(world.alice)
    payload = {
        "username": "jlopez",
        "first_name": "Javier",
        "last_name": "López",
        "email": "j@x.mx",
        "institution": world.campus_a1.pk,
        "role": "teacher",
        **data,
    }
    if payload["institution"] == "A2":
        payload["institution"] = world.campus_b1.pk
    before = User.objects.count()
    response = api.post(USERS, payload, format="json")
    assert response.status_code == status
    assert text in response.content.decode()
    assert User.objects.count() == before


def test_teacher_and_student_cannot_create_accounts(world, api):
    payload = {
        "username": "x",
        "first_name": "X",
        "last_name": "Y",
        "institution": world.campus_a1.pk,
        "role": "teacher",
    }
    for user in (world.teacher_a1, world.student_a1):
        api.force_authenticate(user)
        response = api.post(USERS, payload, format="json")
        assert response.status_code == 403
        assert response.json()["detail"]
    assert not User.objects.filter(username="x").exists()
    assert Membership.objects.filter(user__username="x").count() == 0


def test_users_api_has_no_update_or_delete(world, api):
    api.force_authenticate(world.alice)
    url = f"{USERS}{world.student_a1.pk}/"
    assert api.patch(url, {"first_name": "X"}, format="json").status_code == 405
    assert api.delete(url).status_code == 405
