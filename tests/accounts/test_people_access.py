"""Who reaches whom through the people pages: campus A never sees nor changes campus B's
people (404, nothing written), read-only roles get 403 on actions, a state admin
reaches the campuses of the state and nothing beside."""

import pytest
from django.urls import reverse

from impulsa.accounts.models import StudentProfile, User
from impulsa.org.models import Membership
from impulsa.org.roles import Role
from tests.factories import PASSWORD, MembershipFactory, UserFactory


def _snapshot():
    return (
        list(User.objects.order_by("pk").values_list("pk", "is_active", "email", "password")),
        list(StudentProfile.objects.order_by("pk").values()),
        list(Membership.objects.order_by("pk").values_list("pk", "user_id", "role")),
    )


def _actions(person, membership):
    """Every people URL that names a person or one of their roles: (method, url, data)."""
    return [
        ("get", reverse("people:user_detail", args=[person.pk]), None),
        ("get", reverse("people:user_edit", args=[person.pk]), None),
        ("post", reverse("people:user_edit", args=[person.pk]), {"first_name": "X"}),
        ("post", reverse("people:user_toggle_active", args=[person.pk]), {"active": "0"}),
        ("post", reverse("people:user_send_reset", args=[person.pk]), {}),
        ("post", reverse("people:user_set_password", args=[person.pk]), {}),
        ("get", reverse("people:membership_create", args=[person.pk]), None),
        (
            "post",
            reverse("people:membership_create", args=[person.pk]),
            {"institution": membership.institution_id, "role": "teacher"},
        ),
        ("get", reverse("people:membership_delete", args=[membership.pk]), None),
        ("post", reverse("people:membership_delete", args=[membership.pk]), {}),
    ]


@pytest.mark.parametrize("other", ["student_a2", "student_b1", "bob", "charlie"])
def test_campus_admin_cannot_reach_people_of_other_campuses(world, login, other, mailoutbox):
    person = getattr(world, other)
    membership = Membership.objects.get(user=person)
    client = login(world.alice)
    before = _snapshot()
    for method, url, data in _actions(person, membership):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 404, f"{method.upper()} {url}: {response.status_code}"
        assert person.username not in response.content.decode()
    assert _snapshot() == before
    assert mailoutbox == []
    listing = client.get(reverse("people:user_list"), {"q": person.username}).content.decode()
    assert person.get_full_name() not in listing


def test_teacher_can_read_but_not_change_people(world, login, mailoutbox):
    student = world.student_a1
    membership = Membership.objects.get(user=student)
    client = login(world.teacher_a1)
    assert client.get(reverse("people:user_list")).status_code == 200
    assert client.get(reverse("people:user_detail", args=[student.pk])).status_code == 200
    before = _snapshot()
    for method, url, data in _actions(student, membership)[1:]:
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 403, f"{method.upper()} {url}: {response.status_code}"
    assert client.get(reverse("people:user_create")).status_code == 403
    assert client.post(reverse("people:user_create"), {"username": "x"}).status_code == 403
    assert _snapshot() == before
    assert mailoutbox == []


def test_state_admin_reaches_both_campuses_of_the_state_only(world, login):
    client = login(world.state_admin_a)
    listed = {p.pk for p in client.get(reverse("people:user_list")).context["page"]}
    assert {world.alice.pk, world.bob.pk, world.student_a1.pk, world.student_a2.pk} <= listed
    assert not {world.charlie.pk, world.student_b1.pk} & listed
    for person in (world.student_a1, world.student_a2):
        assert client.get(reverse("people:user_detail", args=[person.pk])).status_code == 200
    response = client.get(reverse("people:user_detail", args=[world.student_b1.pk]))
    assert response.status_code == 404


def test_national_admin_reaches_everyone(world, login):
    client = login(world.national_admin)
    listed = {p.pk for p in client.get(reverse("people:user_list")).context["page"]}
    assert {world.student_a1.pk, world.student_a2.pk, world.student_b1.pk} <= listed


def test_director_reads_people_but_cannot_change_them(world, login):
    director = UserFactory()
    MembershipFactory(user=director, institution=world.state_a, role=Role.DIRECTOR)
    client = login(director)
    assert client.get(reverse("people:user_detail", args=[world.student_a2.pk])).status_code == 200
    response = client.post(
        reverse("people:user_toggle_active", args=[world.student_a2.pk]), {"active": "0"}
    )
    assert response.status_code == 403
    assert User.objects.get(pk=world.student_a2.pk).is_active


def test_sibling_campus_admin_cannot_open_student(world, login):
    response = login(world.bob).get(reverse("people:user_detail", args=[world.student_a1.pk]))
    assert response.status_code == 404


def test_people_without_any_role_are_out_of_everyones_reach(world, login):
    loose = UserFactory()
    response = login(world.national_admin).get(reverse("people:user_detail", args=[loose.pk]))
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(world, client):
    for url in (
        reverse("people:user_list"),
        reverse("people:user_detail", args=[world.student_a1.pk]),
        reverse("people:user_export"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/cuenta/entrar/")
    assert User.objects.get(pk=world.student_a1.pk).check_password(PASSWORD)
