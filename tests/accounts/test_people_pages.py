"""People pages: list (search, filters, pagination, query bound), detail, and the admin
actions (create, edit, activate, passwords, roles) as a signed-in person uses them."""

import pytest
from django.urls import reverse

from impulsa.accounts.models import User
from impulsa.org.models import Membership
from impulsa.org.roles import Role
from tests.factories import (
    PASSWORD,
    CareerFactory,
    GroupFactory,
    MembershipFactory,
    StudentProfileFactory,
    UserFactory,
    make_curp,
)

LIST = reverse("people:user_list")


def _student(world, *, campus=None, career=None, group=None, semester=1, **user_fields):
    campus = campus or world.campus_a1
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, institution=campus, role=Role.STUDENT)
    StudentProfileFactory(
        user=user,
        campus=campus,
        career=career or world.career_a1,
        group=group,
        semester=semester,
        matricula=user.username,
    )
    return user


def _names(response) -> str:
    return response.content.decode()


# --- List -------------------------------------------------------------------------------


def test_list_shows_people_of_the_campus_with_roles_and_career(world, login):
    response = login(world.alice).get(LIST)
    assert response.status_code == 200
    body = _names(response)
    assert world.student_a1.get_full_name() in body
    assert world.teacher_a1.username in body
    assert "Docente" in body
    assert "Informática" in body
    assert "Grupo 101" in body
    assert world.student_a2.username not in body
    assert world.student_b1.username not in body


def test_list_queries_are_bounded_with_many_people(world, login, django_assert_max_num_queries):
    for n in range(35):
        student = _student(world, group=world.group_a1, username=f"26140{n:03d}")
        if n % 5 == 0:
            MembershipFactory(user=student, institution=world.campus_a1, role=Role.EXTERNAL)
    client = login(world.alice)
    with django_assert_max_num_queries(16):
        response = client.get(LIST)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 38  # 36 students, teacher, alice
    with django_assert_max_num_queries(16):
        client.get(LIST, {"q": "2614", "role": "student", "semester": "1"})


def test_list_is_paginated_by_fifty(world, login):
    for n in range(55):
        _student(world, username=f"26149{n:03d}")
    client = login(world.alice)
    first = client.get(LIST)
    assert len(first.context["page"].object_list) == 50
    second = client.get(LIST, {"page": 2})
    assert (
        len(second.context["page"].object_list) == 8
    )  # 55 + the fixture's student, teacher, alice
    assert "Página 2 de 2" in _names(second)


def test_search_by_name_ignores_accents_and_case(world, login):
    _student(world, first_name="José Ángel", last_name="Pérez", username="2614777")
    client = login(world.alice)
    for query in ("perez", "JOSE angel", "Ángel Pérez", "2614777"):
        page = client.get(LIST, {"q": query}).context["page"]
        assert [p.username for p in page] == ["2614777"], query


def test_search_by_email(world, login):
    _student(world, email="lupita.ramos@alumnos.mx", username="2614778")
    page = login(world.alice).get(LIST, {"q": "lupita.ramos"}).context["page"]
    assert [p.username for p in page] == ["2614778"]


def test_search_by_exact_curp(world, login):
    response = login(world.alice).get(LIST, {"q": make_curp(1).lower()})
    assert [p.pk for p in response.context["page"]] == [world.student_a1.pk]


def test_curp_of_a_student_out_of_reach_finds_nothing(world, login):
    response = login(world.alice).get(LIST, {"q": world.student_b1.curp})
    assert list(response.context["page"]) == []


def test_teacher_cannot_search_by_curp(world, login):
    response = login(world.teacher_a1).get(LIST, {"q": make_curp(1)})
    assert list(response.context["page"]) == []
    assert "requiere permiso para ver datos personales" in _names(response)


def test_filters_by_role_institution_and_state(world, login):
    client = login(world.state_admin_a)
    by_role = client.get(LIST, {"role": "student"}).context["page"]
    assert {p.pk for p in by_role} == {world.student_a1.pk, world.student_a2.pk}
    by_campus = client.get(LIST, {"institution": world.campus_a2.pk}).context["page"]
    assert {p.pk for p in by_campus} == {world.bob.pk, world.student_a2.pk}
    both = client.get(LIST, {"institution": world.campus_a1.pk, "role": "campus_admin"})
    assert [p.pk for p in both.context["page"]] == [world.alice.pk]


def test_role_and_institution_must_match_the_same_membership(world, login):
    MembershipFactory(user=world.teacher_a1, institution=world.campus_a2, role=Role.DUAL_TUTOR)
    client = login(world.state_admin_a)
    page = client.get(LIST, {"institution": world.campus_a2.pk, "role": "teacher"}).context["page"]
    assert world.teacher_a1.pk not in {p.pk for p in page}


def test_filters_students_by_career_group_semester_and_status(world, login):
    career = CareerFactory(campus=world.campus_a1, code="ELEC", name="Electromecánica")
    group = GroupFactory(campus=world.campus_a1, period=world.group_a1.period, semester=3)
    third = _student(world, career=career, group=group, semester=3, username="2614300")
    inactive = _student(world, username="2614301", is_active=False)
    client = login(world.alice)
    assert [p.pk for p in client.get(LIST, {"career": career.pk}).context["page"]] == [third.pk]
    assert [p.pk for p in client.get(LIST, {"group": group.pk}).context["page"]] == [third.pk]
    assert [p.pk for p in client.get(LIST, {"semester": 3}).context["page"]] == [third.pk]
    assert [p.pk for p in client.get(LIST, {"active": "0"}).context["page"]] == [inactive.pk]
    response = client.get(LIST)
    assert 'name="career"' in _names(response)  # alice reaches one campus: offered


def test_career_and_group_filters_wait_for_a_campus_when_many_are_in_reach(world, login):
    client = login(world.state_admin_a)
    response = client.get(LIST)
    assert "Elige un plantel" in _names(response)
    assert '<select name="career"' not in _names(response)
    response = client.get(LIST, {"institution": world.campus_a1.pk})
    assert '<select name="career"' in _names(response)


def test_filter_by_an_institution_out_of_reach_shows_nobody(world, login):
    response = login(world.alice).get(LIST, {"institution": world.campus_b1.pk})
    assert response.status_code == 200
    assert list(response.context["page"]) == []
    assert "Revisa los filtros" in _names(response)


def test_students_have_no_people_list(world, login):
    response = login(world.student_a1).get(LIST)
    assert response.status_code == 403


def test_people_entry_in_navigation_follows_the_role(world, login):
    assert reverse("people:user_list") in _names(login(world.teacher_a1).get("/"))
    assert reverse("people:user_list") not in _names(login(world.student_a1).get("/"))


# --- Detail -----------------------------------------------------------------------------


def test_detail_shows_student_profile_roles_and_personal_data_to_admins(world, login):
    student = User.objects.get(pk=world.student_a1.pk)
    student.phone, student.address = "33 1111 2222", "Calle Hidalgo 5"
    student.save()
    response = login(world.alice).get(reverse("people:user_detail", args=[student.pk]))
    body = _names(response)
    assert response.status_code == 200
    for text in (make_curp(1), "33 1111 2222", "Calle Hidalgo 5", "Informática", "2614001"):
        assert text in body
    assert "Plantel Guadalajara I" in body
    assert "Protegido" not in body
    assert reverse("people:user_edit", args=[student.pk]) in body


@pytest.mark.parametrize("viewer", ["teacher", "director"])
def test_personal_data_is_protected_from_teachers_and_directors(world, login, viewer):
    if viewer == "director":
        user = UserFactory()
        MembershipFactory(user=user, institution=world.campus_a1, role=Role.DIRECTOR)
    else:
        user = world.teacher_a1
    response = login(user).get(reverse("people:user_detail", args=[world.student_a1.pk]))
    body = _names(response)
    assert response.status_code == 200
    assert "Protegido" in body
    assert make_curp(1) not in body
    assert reverse("people:user_edit", args=[world.student_a1.pk]) not in body


def test_detail_explains_why_an_account_with_roles_elsewhere_cannot_be_changed(world, login):
    MembershipFactory(user=world.teacher_a1, institution=world.campus_b1, role=Role.TEACHER)
    response = login(world.alice).get(reverse("people:user_detail", args=[world.teacher_a1.pk]))
    body = _names(response)
    assert "fuera de tu alcance" in body
    assert reverse("people:user_edit", args=[world.teacher_a1.pk]) not in body
    assert "Plantel Toluca" not in body  # the role beyond her reach stays hidden


# --- Create -----------------------------------------------------------------------------


def _create_form(world, **overrides):
    data = {
        "username": "rsanchez",
        "first_name": "Rosa",
        "last_name": "Sánchez",
        "second_last_name": "",
        "email": "rsanchez@conalep.edu.mx",
        "curp": "",
        "institution": world.campus_a1.pk,
        "role": "teacher",
        "password_mode": "email",
    }
    data.update(overrides)
    return data


def test_admin_creates_staff_account_and_a_link_is_emailed(
    world, login, mailoutbox, django_capture_on_commit_callbacks
):
    client = login(world.alice)
    form = client.get(reverse("people:user_create"))
    assert form.status_code == 200
    assert "Plantel Zapopan" not in _names(form)  # only where she may grant roles
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:user_create"), _create_form(world), follow=True)
    user = User.objects.get(username="rsanchez")
    assert response.redirect_chain[-1][0] == reverse("people:user_detail", args=[user.pk])
    assert "Cuenta creada" in _names(response)
    assert mailoutbox[0].to == ["rsanchez@conalep.edu.mx"]
    assert "http://testserver/cuenta/recuperar/" in mailoutbox[0].body


def test_temporary_password_is_shown_once_and_not_cached(world, login):
    client = login(world.alice)
    response = client.post(
        reverse("people:user_create"), _create_form(world, password_mode="temporary", email="")
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.context["password"]
    assert password in _names(response)
    assert User.objects.get(username="rsanchez").check_password(password)


def test_create_form_shows_the_services_refusal_on_the_field(world, login):
    client = login(world.alice)
    response = client.post(reverse("people:user_create"), _create_form(world, curp=make_curp(2)))
    assert response.status_code == 200
    assert "Otra persona ya está registrada con esa CURP." in _names(response)
    assert 'aria-invalid="true"' in _names(response)
    assert not User.objects.filter(username="rsanchez").exists()


def test_teacher_cannot_open_the_create_page(world, login):
    assert login(world.teacher_a1).get(reverse("people:user_create")).status_code == 403


# --- Edit -------------------------------------------------------------------------------


def test_admin_edits_a_student(world, login):
    career = CareerFactory(campus=world.campus_a1, code="ELEC", name="Electromecánica")
    url = reverse("people:user_edit", args=[world.student_a1.pk])
    client = login(world.alice)
    form = client.get(url)
    assert form.status_code == 200
    assert "Electromecánica" in _names(form)
    data = {
        "first_name": "Luis",
        "last_name": "Hernández",
        "second_last_name": "",
        "email": "luis@alumnos.mx",
        "preferred_language": "es-mx",
        "curp": make_curp(1),
        "phone": "3312345678",
        "address": "",
        "career": career.pk,
        "group": "",
        "semester": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    student = User.objects.get(pk=world.student_a1.pk)
    assert (student.first_name, student.phone) == ("Luis", "3312345678")
    assert (student.student_profile.career, student.student_profile.group) == (career, None)


def test_edit_form_shows_a_group_that_does_not_match_in_spanish(world, login):
    third = GroupFactory(campus=world.campus_a1, period=world.group_a1.period, semester=3)
    client = login(world.alice)
    url = reverse("people:user_edit", args=[world.student_a1.pk])
    initial = client.get(url).context["form"].initial
    data = {k: v if v is not None else "" for k, v in initial.items()}
    data["group"] = third.pk
    response = client.post(url, data)
    assert response.status_code == 200
    assert "es de 3.º semestre" in _names(response)
    assert User.objects.get(pk=world.student_a1.pk).student_profile.group == world.group_a1


# --- Activation, passwords, roles -------------------------------------------------------


def test_admin_deactivates_and_reactivates_an_account(world, login):
    client = login(world.alice)
    url = reverse("people:user_toggle_active", args=[world.teacher_a1.pk])
    assert client.get(url).status_code == 405
    client.post(url, {"active": "0"})
    assert not User.objects.get(pk=world.teacher_a1.pk).is_active
    client.post(url, {"active": "1"})
    assert User.objects.get(pk=world.teacher_a1.pk).is_active


def test_deactivated_account_cannot_sign_in(world, login, client):
    login(world.alice).post(
        reverse("people:user_toggle_active", args=[world.teacher_a1.pk]), {"active": "0"}
    )
    client.logout()
    response = client.post(
        "/cuenta/entrar/", {"username": world.teacher_a1.username, "password": PASSWORD}
    )
    assert response.status_code == 200


def test_admin_cannot_deactivate_herself(world, login):
    client = login(world.alice)
    response = client.post(
        reverse("people:user_toggle_active", args=[world.alice.pk]), {"active": "0"}, follow=True
    )
    assert "No puedes desactivar tu propia cuenta." in _names(response)
    assert User.objects.get(pk=world.alice.pk).is_active


def test_admin_sends_a_reset_link(world, login, mailoutbox, django_capture_on_commit_callbacks):
    client = login(world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("people:user_send_reset", args=[world.teacher_a1.pk]), follow=True
        )
    assert "Enviamos a" in _names(response)
    assert mailoutbox[0].to == [world.teacher_a1.email]


def test_admin_sets_a_temporary_password(world, login):
    client = login(world.alice)
    response = client.post(reverse("people:user_set_password", args=[world.teacher_a1.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert User.objects.get(pk=world.teacher_a1.pk).check_password(response.context["password"])


def test_admin_grants_and_revokes_a_role(world, login):
    client = login(world.alice)
    url = reverse("people:membership_create", args=[world.teacher_a1.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert 'value="student"' not in _names(form)  # only people with a matrícula
    response = client.post(url, {"institution": world.campus_a1.pk, "role": "dual_tutor"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=world.teacher_a1, role=Role.DUAL_TUTOR)
    delete = reverse("people:membership_delete", args=[membership.pk])
    confirm = client.get(delete)
    assert "Sí, retirar el rol" in _names(confirm)
    assert client.post(delete).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_granting_a_role_above_her_own_shows_the_refusal(world, login):
    client = login(world.alice)
    response = client.post(
        reverse("people:membership_create", args=[world.teacher_a1.pk]),
        {"institution": world.campus_a1.pk, "role": "national_admin"},
    )
    assert response.status_code == 200
    assert "no se puede asignar" in _names(response)


def test_revoking_the_last_role_is_refused_with_a_message(world, login):
    membership = Membership.objects.get(user=world.teacher_a1)
    response = login(world.alice).post(
        reverse("people:membership_delete", args=[membership.pk]), follow=True
    )
    assert "Es el único rol de esta persona" in _names(response)
    assert Membership.objects.filter(pk=membership.pk).exists()


# --- A student without e-mail who forgot the password (issue 7) ------------------------


def test_forgot_password_page_tells_students_without_email_to_ask_the_campus(client, db):
    page = client.get(reverse("accounts:password_reset")).content.decode()
    assert "¿No tienes correo registrado?" in page
    assert "pide a la administración de tu plantel que te dé una contraseña temporal" in page


def test_campus_admin_resets_the_password_of_a_student_without_email(world, login, client):
    from impulsa.audit.models import AuditEntry

    User.objects.filter(pk=world.student_a1.pk).update(email="")
    admin = login(world.alice)
    detail = admin.get(reverse("people:user_detail", args=[world.student_a1.pk])).content.decode()
    assert "No tiene correo electrónico registrado" in detail
    assert reverse("people:user_set_password", args=[world.student_a1.pk]) in detail

    response = admin.post(reverse("people:user_set_password", args=[world.student_a1.pk]))
    assert response.status_code == 200
    temporary = response.context["password"]
    assert temporary in response.content.decode()
    student = User.objects.get(pk=world.student_a1.pk)
    assert student.check_password(temporary) and student.must_change_password
    assert AuditEntry.objects.filter(
        object_pk=str(student.pk), additional_data__event="temporary_password_set"
    ).exists()

    # Shown once: the detail page does not show it again.
    again = admin.get(reverse("people:user_detail", args=[student.pk])).content.decode()
    assert temporary not in again

    client.logout()
    signed_in = client.post(
        "/cuenta/entrar/", {"username": student.username, "password": temporary}
    )
    assert signed_in.status_code == 302
    assert (
        client.get(reverse("home"))
        .headers["Location"]
        .startswith(reverse("accounts:password_change"))
    )


@pytest.mark.parametrize("outsider", ["bob", "charlie"])
def test_admins_of_other_campuses_cannot_reset_a_students_password(world, login, outsider):
    before = User.objects.get(pk=world.student_a1.pk).password
    client = login(getattr(world, outsider))
    response = client.post(reverse("people:user_set_password", args=[world.student_a1.pk]))
    assert response.status_code in (403, 404)
    assert "password" not in (response.context or {})
    assert User.objects.get(pk=world.student_a1.pk).password == before
