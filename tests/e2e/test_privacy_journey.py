"""Personal data on phones: a new privacy notice is accepted at the next sign-in; a
student reads «Mis datos personales», downloads their data and asks for cancellation;
the campus administrator sees it on their home, checks the guardian's identity, grants
it and makes it effective; the student's name leaves the campus pages and the account
no longer signs in."""

import zipfile

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.conftest import current_token
from tests.e2e import learning_steps as steps
from tests.e2e.conftest import screenshot
from tests.factories import PASSWORD
from tests.ops.privacy.builders import publish

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _sign_in(page, user, device=None):
    page.goto("/")
    page.get_by_label("Usuario o matrícula").fill(user.username)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    if device is not None:
        device.refresh_from_db()
        page.get_by_label("Código de 6 dígitos").fill(current_token(device))
        page.get_by_role("button", name="Verificar").click()


def _accept_notice(page, shot):
    expect(
        page.get_by_role("heading", name="Antes de continuar, lee el aviso de privacidad")
    ).to_be_visible()
    screenshot(page, shot)
    page.get_by_label("Leí el aviso de privacidad y entiendo cómo se tratan mis datos.").check()
    page.get_by_role("button", name="Aceptar y continuar").click()


def _student_asks_for_cancellation(page, tmp_path):
    page.goto("/privacidad/mis-datos/")
    expect(page.get_by_role("heading", name="Mis datos personales")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Descargar mis datos").click()
    saved = tmp_path / "datos.zip"
    download.value.save_as(saved)
    assert "datos.json" in zipfile.ZipFile(saved).namelist()
    page.get_by_label("Derecho que quieres ejercer").select_option(label="Cancelación")
    page.get_by_label("¿Qué datos y qué pides?").fill(
        "Ya no estudio en el plantel; cancelen mis datos."
    )
    page.get_by_role("button", name="Enviar solicitud").click()
    expect(page.get_by_text("Cancelación").last).to_be_visible()
    screenshot(page, "privacy-mine-phone")
    steps.sign_out(page)


def _admin_makes_it_effective(page, admin):
    _sign_in(page, admin, TOTPDevice.objects.create(user=admin, confirmed=True))
    _accept_notice(page, "privacy-accept-admin-phone")
    expect(
        page.get_by_role("heading", name="Solicitudes de datos personales (ARCO)")
    ).to_be_visible()
    screenshot(page, "privacy-home-panel-phone")
    page.get_by_role("link", name="Atender solicitudes").click()
    page.get_by_role("link", name="ARCO-").first.click()
    page.get_by_label("Documento que se presentó").select_option(
        label="Acta de nacimiento del menor e identificación oficial del tutor"
    )
    page.get_by_role("button", name="Identidad acreditada").click()
    page.get_by_label("Resolución").select_option(label="Procedente")
    page.get_by_label("Respuesta para la persona").fill("Procede la cancelación de tus datos.")
    page.get_by_role("button", name="Enviar respuesta").click()
    expect(page.get_by_role("heading", name="3. Hacer efectiva")).to_be_visible()
    screenshot(page, "privacy-request-phone")
    page.get_by_role("button", name="Marcar como atendida").click()
    expect(page.get_by_text("Atendida").first).to_be_visible()


def test_notice_then_cancellation_from_request_to_blocked_data(phone, live_server, world, tmp_path):
    publish(world)
    student = world.student_a1
    name = student.get_full_name()
    _sign_in(phone, student)
    _accept_notice(phone, "privacy-accept-student-phone")
    _student_asks_for_cancellation(phone, tmp_path)
    _admin_makes_it_effective(phone, world.alice)
    phone.goto("/privacidad/solicitudes/")
    expect(phone.get_by_role("table")).not_to_contain_text(name)
    phone.goto("/privacidad/bloqueos/")
    screenshot(phone, "privacy-blocks-phone")
    steps.sign_out(phone)
    phone.get_by_label("Usuario o matrícula").fill(student.username)
    phone.get_by_label("Contraseña").fill(PASSWORD)
    phone.get_by_role("button", name="Entrar").click()
    expect(phone.get_by_role("button", name="Entrar")).to_be_visible()
