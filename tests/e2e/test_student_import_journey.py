"""The foundation's journey, in a phone-sized Chromium: a campus admin signs in with
2FA, imports a CSV with one bad row (sees that row's error; nothing is written), fixes
it, imports it, finds the students; an admin of another campus cannot see them."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from impulsa.accounts.models import StudentProfile, User
from tests.conftest import current_token
from tests.e2e import learning_steps as steps
from tests.e2e.conftest import screenshot
from tests.factories import PASSWORD, make_curp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HEADER = "curp,matricula,nombre,primer_apellido,segundo_apellido,correo,clave_plantel,carrera,semestre,grupo"


def _rows(campus_code: str, bad_curp: bool) -> str:
    people = [
        (make_curp(101, sex="M"), "2614100001", "Ximena", "Navarro", "Ortega"),
        (make_curp(102, sex="H"), "2614100002", "Emiliano", "Barajas", "Cuevas"),
        (make_curp(103, sex="M"), "2614100003", "Renata", "Quiroz", "Esparza"),
    ]
    lines = [HEADER]
    for index, (curp, matricula, first, last, second) in enumerate(people):
        if bad_curp and index == 1:
            curp = curp[:-1] + str((int(curp[-1]) + 1) % 10)  # wrong check digit
        lines.append(f"{curp},{matricula},{first},{last},{second},,{campus_code},INFO,1,101")
    return "\n".join(lines) + "\n"


def _sign_in(page, user, device=None):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/cuenta/entrar/"))
    page.get_by_label("Usuario o matrícula").fill(user.username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    if device is not None:
        expect(page.get_by_role("heading", name="Código de verificación")).to_be_visible()
        device.refresh_from_db()
        page.get_by_label("Código de 6 dígitos").fill(current_token(device))
        page.get_by_role("button", name="Verificar").click()
    expect(page.get_by_role("heading", name=re.compile("^Hola"))).to_be_visible()


def _upload(page, tmp_path, name: str, content: str):
    page.get_by_role("link", name="Importar alumnos").first.click()
    page.get_by_role("link", name="Nueva importación").click()
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    page.get_by_label("Archivo CSV o Excel").set_input_files(str(path))
    page.get_by_role("button", name="Subir e importar").click()


def test_campus_admin_imports_students_and_another_campus_cannot_see_them(phone, world, tmp_path):
    page = phone
    alice_device = TOTPDevice.objects.create(user=world.alice, name="Teléfono", confirmed=True)
    _sign_in(page, world.alice, alice_device)
    screenshot(page, "01-home-campus-admin")

    students_before = StudentProfile.objects.count()
    _upload(page, tmp_path, "alumnos.csv", _rows(world.campus_a1.code, bad_curp=True))
    expect(page.get_by_text("No se importó nada")).to_be_visible()
    error_row = page.get_by_role("row").filter(has_text="dígito verificador")
    expect(error_row).to_have_count(1)
    expect(error_row.get_by_role("cell").first).to_have_text("3")
    screenshot(page, "02-import-with-error")
    assert StudentProfile.objects.count() == students_before
    assert not User.objects.filter(username__startswith="26141000").exists()

    _upload(page, tmp_path, "alumnos_corregido.csv", _rows(world.campus_a1.code, bad_curp=False))
    expect(page.get_by_text("Importación terminada")).to_be_visible()
    screenshot(page, "03-import-done")
    assert StudentProfile.objects.filter(campus=world.campus_a1).count() == 4  # 1 + 3 new

    page.get_by_role("link", name="Ver los alumnos").click()
    for name in ("Ximena Navarro Ortega", "Emiliano Barajas Cuevas", "Renata Quiroz Esparza"):
        expect(page.get_by_text(name)).to_be_visible()
    screenshot(page, "04-students-listed")
    new_student = User.objects.get(username="2614100002")

    steps.open_menu(page)
    page.get_by_role("button", name="Salir").click()
    # Signed out only once the log-in form shows; going on earlier races the log-out.
    expect(page.get_by_label("Usuario o matrícula")).to_be_visible()
    bob_device = TOTPDevice.objects.create(user=world.bob, name="Teléfono", confirmed=True)
    _sign_in(page, world.bob, bob_device)
    page.goto("/personas/?q=Navarro")
    expect(page.get_by_text("Ximena Navarro Ortega")).to_have_count(0)
    assert not page.problems, f"browser errors: {page.problems}"
    response = page.goto(f"/personas/{new_student.pk}/")
    assert response.status == 404
    screenshot(page, "05-other-campus-gets-404")
