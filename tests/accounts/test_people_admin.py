"""The Django admin for platform operators: accounts without encrypted values on show,
CURP as a validated form field, the import history read-only."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from impulsa.accounts.models import ImportJob, User
from tests.conftest import current_token
from tests.factories import PASSWORD, UserFactory, make_curp


@pytest.fixture
def operator(client, db):
    """A superuser signed in with password and TOTP code, as the admin requires."""
    user = UserFactory(username="operador", is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    assert (
        client.post("/cuenta/entrar/", {"username": "operador", "password": PASSWORD}).status_code
        == 302
    )
    response = client.post("/cuenta/verificacion/", {"token": current_token(device)})
    assert response.status_code == 302
    return client


def test_user_list_shows_no_personal_data(world, operator):
    response = operator.get("/admin/accounts/user/")
    body = response.content.decode()
    assert response.status_code == 200
    assert world.student_a1.username in body
    assert make_curp(1) not in body
    assert "v1:" not in body


def test_change_form_shows_curp_only_as_an_input(world, operator):
    response = operator.get(f"/admin/accounts/user/{world.student_a1.pk}/change/")
    body = response.content.decode()
    assert response.status_code == 200
    assert f'name="curp" value="{make_curp(1)}"' in body
    assert "v1:" not in body  # no ciphertext anywhere
    assert 'name="phone"' not in body
    assert 'name="birth_date"' not in body
    assert "2614001" in body  # the student profile inline


def _change_data(operator, user) -> dict:
    form = operator.get(f"/admin/accounts/user/{user.pk}/change/").context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.pop("password", None)
    data.update(
        {
            "groups": [],
            "user_permissions": [],
            "student_profile-TOTAL_FORMS": "0",
            "student_profile-INITIAL_FORMS": "0",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        }
    )
    return data


def test_invalid_curp_is_refused_with_the_spanish_reason(world, operator):
    data = _change_data(operator, world.teacher_a1)
    data["curp"] = make_curp(9)[:-1] + ("0" if make_curp(9)[-1] != "0" else "1")
    response = operator.post(f"/admin/accounts/user/{world.teacher_a1.pk}/change/", data)
    assert response.status_code == 200
    assert "dígito verificador" in response.content.decode()
    assert User.objects.get(pk=world.teacher_a1.pk).curp is None


def test_valid_curp_is_saved_encrypted_with_its_birth_date(world, operator):
    data = _change_data(operator, world.teacher_a1)
    data["curp"] = make_curp(9)
    response = operator.post(f"/admin/accounts/user/{world.teacher_a1.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    teacher = User.objects.get(pk=world.teacher_a1.pk)
    assert teacher.curp == make_curp(9)
    assert teacher.birth_date is not None
    assert list(User.objects.with_curp(make_curp(9))) == [teacher]


def test_operators_find_a_person_by_complete_curp(world, operator):
    response = operator.get("/admin/accounts/user/", {"q": make_curp(2)})
    assert list(response.context["cl"].result_list) == [world.student_a2]


def test_import_history_is_read_only(world, operator):
    job = ImportJob.objects.create(
        institution=world.campus_a1, created_by=world.alice, original_name="alumnos.csv"
    )
    assert operator.get("/admin/accounts/importjob/").status_code == 200
    assert operator.get("/admin/accounts/importjob/add/").status_code == 403
    response = operator.get(f"/admin/accounts/importjob/{job.pk}/change/")
    assert response.status_code == 200
    assert 'name="original_name"' not in response.content.decode()


def test_school_admins_do_not_get_into_the_django_admin(world, login):
    response = login(world.alice).get("/admin/accounts/user/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")
