"""People services: every rule, Spanish refusals, nothing written on refusal."""

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from knox.models import AuthToken
from stdnum.mx import curp as stdnum_curp

from impulsa.accounts import services
from impulsa.accounts.models import User
from impulsa.audit.models import AuditEntry
from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.org.api import grant_membership, revoke_membership
from impulsa.org.models import Membership
from impulsa.org.roles import Role
from tests.factories import (
    PASSWORD,
    CareerFactory,
    GroupFactory,
    MembershipFactory,
    UserFactory,
    make_curp,
)


def _create(world, actor=None, **overrides):
    data = {
        "actor": actor or world.alice,
        "username": "mgarcia",
        "first_name": "María",
        "last_name": "García",
        "second_last_name": "López",
        "email": "mgarcia@conalep.edu.mx",
        "institution": world.campus_a1,
        "role": Role.TEACHER,
        "domain": "impulsa.test",
        "use_https": True,
    }
    data.update(overrides)
    return services.create_staff_user(**data)


def _counts():
    return User.objects.count(), Membership.objects.count()


# --- Creating staff accounts --------------------------------------------------------------


def test_campus_admin_creates_teacher_with_role_and_emailed_link(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        account = _create(world, curp=make_curp(50).lower())
    user = User.objects.get(username="mgarcia")
    assert account.temporary_password is None
    assert not user.has_usable_password()
    assert user.curp == make_curp(50)
    assert user.birth_date == stdnum_curp.get_birth_date(make_curp(50))
    membership = Membership.objects.get(user=user)
    assert (membership.institution, membership.role, membership.granted_by) == (
        world.campus_a1,
        Role.TEACHER,
        world.alice,
    )
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["mgarcia@conalep.edu.mx"]
    assert message.subject == "Tu cuenta de Impulsa está lista"
    assert "https://impulsa.test/cuenta/recuperar/" in message.body
    assert "mgarcia" in message.body


def test_emailed_link_lets_the_new_account_choose_a_password(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _create(world)
    link = next(line for line in mailoutbox[0].body.splitlines() if "/cuenta/recuperar/" in line)
    path = link.split("impulsa.test", 1)[1]
    response = client.get(path)
    assert response.status_code == 302  # Django moves the token into the session
    response = client.post(
        response.headers["Location"],
        {"new_password1": "Otra-Clave-Segura-77", "new_password2": "Otra-Clave-Segura-77"},
    )
    assert response.status_code == 302
    assert User.objects.get(username="mgarcia").check_password("Otra-Clave-Segura-77")


def test_temporary_password_is_returned_once_and_lets_the_person_sign_in(world, client):
    account = _create(world, password_mode=services.PasswordMode.TEMPORARY, email="")
    password = account.temporary_password
    assert len(password) == services.TEMPORARY_PASSWORD_LENGTH
    response = client.post("/cuenta/entrar/", {"username": "mgarcia", "password": password})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(additional_data__event="temporary_password_set").exists()


def test_new_account_is_recorded_in_its_campus_audit_log(world):
    account = _create(world)
    entry = AuditEntry.objects.get(additional_data__event="account_created")
    assert entry.institution_id == world.campus_a1.pk
    assert entry.object_pk == str(account.user.pk)
    assert entry.actor == world.alice


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"role": Role.STUDENT}, "role", "Importar alumnos"),
        ({"username": ""}, "username", "Escribe el nombre de usuario."),
        ({"username": "con espacio"}, "username", "solo puede tener letras"),
        ({"first_name": "  "}, "first_name", "Escribe el nombre"),
        ({"last_name": ""}, "last_name", "Escribe el primer apellido."),
        ({"email": "no-es-correo"}, "email", "no es un correo electrónico válido"),
        ({"email": ""}, "email", "Escribe un correo electrónico"),
        ({"curp": "GARC800101"}, "curp", "18 caracteres"),
        ({"curp": make_curp(7)[:-1] + "X"}, "curp", "estructura"),
        ({"password_mode": "sms"}, "password_mode", "contraseña"),
        ({"role": "rector"}, "role", "Elige un rol"),
    ],
)
def test_bad_staff_data_is_refused_in_spanish_and_nothing_is_written(
    world, overrides, field, message
):
    before = _counts()
    with pytest.raises(DomainError) as caught:
        _create(world, **overrides)
    assert caught.value.field == field
    assert message in caught.value.message
    assert _counts() == before


def test_username_taken_in_another_case_is_a_conflict(world):
    UserFactory(username="MGarcia")
    before = _counts()
    with pytest.raises(Conflict) as caught:
        _create(world)
    assert caught.value.field == "username"
    assert _counts() == before


def test_curp_already_registered_is_found_through_the_blind_index(world):
    before = _counts()
    with pytest.raises(Conflict) as caught:
        _create(world, curp=world.student_b1.curp)
    assert caught.value.field == "curp"
    assert "CURP" in caught.value.message
    assert _counts() == before


def test_campus_admin_cannot_create_accounts_at_a_sibling_campus(world):
    before = _counts()
    with pytest.raises(AccessDenied):
        _create(world, institution=world.campus_a2)
    assert _counts() == before


def test_campus_admin_cannot_create_a_state_admin(world):
    with pytest.raises(AccessDenied):
        _create(world, role=Role.STATE_ADMIN, institution=world.state_a)
    with pytest.raises(AccessDenied):
        _create(world, role=Role.CAMPUS_ADMIN, institution=world.campus_a2)


def test_teacher_cannot_create_accounts(world):
    with pytest.raises(AccessDenied):
        _create(world, actor=world.teacher_a1)


def test_state_admin_creates_campus_admin_in_a_campus_of_the_state(world):
    account = _create(
        world, actor=world.state_admin_a, role=Role.CAMPUS_ADMIN, institution=world.campus_a2
    )
    assert account.membership.role == Role.CAMPUS_ADMIN


def test_curp_is_stored_encrypted(world):
    curp = make_curp(51)
    account = _create(world, curp=curp)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT curp, birth_date FROM accounts_user WHERE id = %s", [account.user.pk]
        )
        raw_curp, raw_birth = cursor.fetchone()
    assert curp not in raw_curp
    assert raw_birth.startswith("v1:")


# --- Who may change an account ----------------------------------------------------------


def test_campus_admin_can_manage_own_campus_student(world):
    assert services.can_manage(world.alice, world.student_a1)


def test_account_with_a_role_outside_the_admins_reach_cannot_be_changed_by_them(world):
    director = UserFactory()
    MembershipFactory(user=director, institution=world.national, role=Role.DIRECTOR)
    MembershipFactory(user=director, institution=world.campus_a1, role=Role.TEACHER)
    with pytest.raises(AccessDenied) as caught:
        services.set_temporary_password(actor=world.alice, user=director)
    assert "fuera de tu alcance" in caught.value.message
    assert director.check_password(PASSWORD)
    assert services.can_manage(world.national_admin, director)


def test_campus_admin_cannot_change_a_state_admin_who_also_works_in_the_campus(world):
    MembershipFactory(user=world.state_admin_a, institution=world.campus_a1, role=Role.TEACHER)
    with pytest.raises(AccessDenied):
        services.update_person(actor=world.alice, user=world.state_admin_a, first_name="X")


def test_platform_operator_accounts_are_only_managed_in_the_django_admin(world):
    operator = UserFactory(is_staff=True)
    MembershipFactory(user=operator, institution=world.campus_a1, role=Role.TEACHER)
    with pytest.raises(AccessDenied) as caught:
        services.set_active(actor=world.alice, user=operator, is_active=False)
    assert "admin" in caught.value.message


def test_teacher_cannot_change_students(world):
    with pytest.raises(AccessDenied):
        services.update_person(actor=world.teacher_a1, user=world.student_a1, first_name="X")


# --- Editing ------------------------------------------------------------------------------


def test_admin_edits_names_contact_and_personal_data(world):
    services.update_person(
        actor=world.alice,
        user=world.teacher_a1,
        first_name="  Ana   Luisa ",
        email="ana@Conalep.EDU.mx",
        phone="33 1234 5678",
        address="Av. Juárez 100, Guadalajara",
        preferred_language="en",
    )
    teacher = User.objects.get(pk=world.teacher_a1.pk)
    assert teacher.first_name == "Ana Luisa"
    assert teacher.email == "ana@conalep.edu.mx"
    assert (teacher.phone, teacher.address) == ("33 1234 5678", "Av. Juárez 100, Guadalajara")
    assert teacher.preferred_language == "en"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"phone": "12"}, "phone"),
        ({"email": "sin-arroba"}, "email"),
        ({"first_name": ""}, "first_name"),
        ({"preferred_language": "fr"}, "preferred_language"),
        ({"curp": "XXXX"}, "curp"),
        ({"address": "x" * 301}, "address"),
    ],
)
def test_bad_edits_are_refused_and_nothing_changes(world, changes, field):
    before = User.objects.filter(pk=world.teacher_a1.pk).values().get()
    with pytest.raises(DomainError) as caught:
        services.update_person(actor=world.alice, user=world.teacher_a1, **changes)
    assert caught.value.field == field
    assert User.objects.filter(pk=world.teacher_a1.pk).values().get() == before


def test_unknown_fields_cannot_be_edited(world):
    with pytest.raises(DomainError, match="no modificables"):
        services.update_person(actor=world.alice, user=world.teacher_a1, is_superuser=True)


def test_changing_the_curp_updates_birth_date_and_lookup(world):
    new = make_curp(60)
    services.update_person(actor=world.alice, user=world.student_a1, curp=new)
    student = User.objects.get(pk=world.student_a1.pk)
    assert student.curp == new
    assert student.birth_date == stdnum_curp.get_birth_date(new)
    assert list(User.objects.with_curp(new)) == [student]
    assert not User.objects.with_curp(make_curp(1)).exists()


def test_curp_of_another_person_is_refused(world):
    with pytest.raises(Conflict):
        services.update_person(actor=world.alice, user=world.teacher_a1, curp=world.student_a2.curp)


def test_student_curp_cannot_be_removed(world):
    with pytest.raises(DomainError, match="obligatoria"):
        services.update_person(actor=world.alice, user=world.student_a1, curp="")
    assert User.objects.get(pk=world.student_a1.pk).curp == make_curp(1)


def test_student_moves_to_another_career_group_and_semester_of_the_campus(world):
    career = CareerFactory(campus=world.campus_a1, code="ELEC", name="Electromecánica")
    group = GroupFactory(
        campus=world.campus_a1, period=world.group_a1.period, career=career, semester=3
    )
    services.update_person(
        actor=world.alice, user=world.student_a1, career=career, group=group, semester=3
    )
    profile = User.objects.get(pk=world.student_a1.pk).student_profile
    assert (profile.career, profile.group, profile.semester) == (career, group, 3)


def test_student_cannot_get_a_career_or_group_of_another_campus(world):
    other = world.student_a2.student_profile
    with pytest.raises(DomainError) as caught:
        services.update_person(actor=world.alice, user=world.student_a1, career=other.career)
    assert caught.value.field == "career"
    with pytest.raises(DomainError) as caught:
        services.update_person(actor=world.alice, user=world.student_a1, group=other.group)
    assert caught.value.field == "group"


def test_group_must_match_the_students_semester_and_career(world):
    third = GroupFactory(
        campus=world.campus_a1, period=world.group_a1.period, career=world.career_a1, semester=3
    )
    with pytest.raises(DomainError, match=r"3\.º semestre") as caught:
        services.update_person(actor=world.alice, user=world.student_a1, group=third)
    assert caught.value.field == "group"
    other_career = CareerFactory(campus=world.campus_a1)
    with pytest.raises(DomainError, match="carrera"):
        services.update_person(
            actor=world.alice, user=world.student_a1, career=other_career, group=world.group_a1
        )
    profile = User.objects.get(pk=world.student_a1.pk).student_profile
    assert (profile.career, profile.group, profile.semester) == (world.career_a1, world.group_a1, 1)


def test_a_refused_account_change_also_undoes_the_student_change(world):
    career = CareerFactory(campus=world.campus_a1)
    with pytest.raises(DomainError):
        services.update_person(
            actor=world.alice, user=world.student_a1, career=career, group=None, email="mal"
        )
    assert User.objects.get(pk=world.student_a1.pk).student_profile.career == world.career_a1


def test_staff_have_no_student_fields(world):
    with pytest.raises(DomainError, match="Solo los alumnos"):
        services.update_person(actor=world.alice, user=world.teacher_a1, semester=2)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(phone=st.text(max_size=25))
def test_any_phone_text_is_saved_or_refused_with_a_field_error(world, phone):
    try:
        services.update_person(actor=world.alice, user=world.teacher_a1, phone=phone)
    except DomainError as error:
        assert error.field == "phone"
    else:
        stored = User.objects.get(pk=world.teacher_a1.pk).phone or ""
        digits = "".join(c for c in stored if c in "0123456789")
        assert stored == "" or 10 <= len(digits) <= 15
        assert not any(c.isdigit() and c not in "0123456789" for c in stored)


# --- Activation and passwords -------------------------------------------------------------


def test_deactivating_an_account_revokes_its_api_tokens(world):
    AuthToken.objects.create(user=world.teacher_a1)
    services.set_active(actor=world.alice, user=world.teacher_a1, is_active=False)
    assert not User.objects.get(pk=world.teacher_a1.pk).is_active
    assert not AuthToken.objects.filter(user=world.teacher_a1).exists()
    services.set_active(actor=world.alice, user=world.teacher_a1, is_active=True)
    assert User.objects.get(pk=world.teacher_a1.pk).is_active


def test_nobody_deactivates_their_own_account(world):
    with pytest.raises(DomainError, match="propia cuenta"):
        services.set_active(actor=world.alice, user=world.alice, is_active=False)
    assert User.objects.get(pk=world.alice.pk).is_active


def test_reset_link_is_sent_after_commit_and_recorded(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_password_reset(
            actor=world.alice, user=world.teacher_a1, domain="impulsa.test", use_https=False
        )
    assert len(mailoutbox) == 1
    assert "http://impulsa.test/cuenta/recuperar/" in mailoutbox[0].body
    assert AuditEntry.objects.filter(additional_data__event="password_reset_sent").exists()


def test_reset_link_needs_an_email_and_an_active_account(world, mailoutbox):
    User.objects.filter(pk=world.teacher_a1.pk).update(email="")
    teacher = User.objects.get(pk=world.teacher_a1.pk)
    with pytest.raises(DomainError, match="correo"):
        services.send_password_reset(actor=world.alice, user=teacher, domain="x.mx")
    teacher.email, teacher.is_active = "t@x.mx", False
    teacher.save()
    with pytest.raises(DomainError, match="desactivada"):
        services.send_password_reset(actor=world.alice, user=teacher, domain="x.mx")
    assert mailoutbox == []


def test_temporary_password_replaces_the_old_one_and_revokes_tokens(world):
    AuthToken.objects.create(user=world.teacher_a1)
    password = services.set_temporary_password(actor=world.alice, user=world.teacher_a1)
    teacher = User.objects.get(pk=world.teacher_a1.pk)
    assert teacher.check_password(password)
    assert not teacher.check_password(PASSWORD)
    assert not AuthToken.objects.filter(user=teacher).exists()


def test_admins_change_their_own_password_in_their_profile_not_here(world):
    with pytest.raises(DomainError, match="Cambiar contraseña"):
        services.set_temporary_password(actor=world.alice, user=world.alice)


def test_temporary_passwords_mix_letters_and_digits_without_look_alikes():
    for _ in range(50):
        password = services.generate_temporary_password()
        assert any(c.isdigit() for c in password)
        assert any(c.isalpha() for c in password)
        assert not set(password) & set("0O1lI")


# --- Roles ----------------------------------------------------------------------------------


def test_admin_grants_a_role_at_own_campus(world):
    membership = grant_membership(
        actor=world.alice, user=world.teacher_a1, institution=world.campus_a1, role=Role.DUAL_TUTOR
    )
    assert membership.granted_by == world.alice


def test_student_role_needs_a_student_profile_at_that_campus(world):
    with pytest.raises(DomainError, match="matrícula") as caught:
        grant_membership(
            actor=world.alice, user=world.teacher_a1, institution=world.campus_a1, role="student"
        )
    assert caught.value.field == "role"
    Membership.objects.filter(user=world.student_a1).delete()
    MembershipFactory(user=world.student_a1, institution=world.campus_a1, role=Role.TEACHER)
    with pytest.raises(DomainError, match="su plantel"):
        grant_membership(
            actor=world.state_admin_a,
            user=world.student_a1,
            institution=world.campus_a2,
            role=Role.STUDENT,
        )


def test_roles_cannot_be_granted_at_a_sibling_campus_nor_twice(world):
    before = Membership.objects.count()
    with pytest.raises(AccessDenied):
        grant_membership(
            actor=world.alice, user=world.teacher_a1, institution=world.campus_a2, role="teacher"
        )
    with pytest.raises(Conflict):
        grant_membership(
            actor=world.alice, user=world.teacher_a1, institution=world.campus_a1, role="teacher"
        )
    assert Membership.objects.count() == before


def test_roles_cannot_be_granted_to_people_out_of_reach(world):
    with pytest.raises(AccessDenied):
        grant_membership(
            actor=world.alice, user=world.student_b1, institution=world.campus_a1, role="teacher"
        )


def test_the_last_role_cannot_be_revoked(world):
    membership = Membership.objects.get(user=world.teacher_a1)
    with pytest.raises(DomainError, match="único rol"):
        revoke_membership(actor=world.alice, membership=membership)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_second_role_can_be_revoked(world):
    extra = MembershipFactory(
        user=world.teacher_a1, institution=world.campus_a1, role=Role.DUAL_TUTOR
    )
    revoke_membership(actor=world.alice, membership=extra)
    assert not Membership.objects.filter(pk=extra.pk).exists()


def test_teacher_cannot_revoke_roles(world):
    extra = MembershipFactory(
        user=world.student_a1, institution=world.campus_a1, role=Role.EXTERNAL
    )
    with pytest.raises(AccessDenied):
        revoke_membership(actor=world.teacher_a1, membership=extra)
    assert Membership.objects.filter(pk=extra.pk).exists()
