"""The operators' page in Chromium: a national admin, signed in with two factors,
reads the backups and queues on a phone and on a desktop; axe checks both."""

import re

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from impulsa.ops.backups.models import Backup
from tests.conftest import current_token
from tests.e2e import axe
from tests.e2e.conftest import open_phone, screenshot
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _runs():
    now = timezone.now()
    for day in range(1, 6):
        started = now - timezone.timedelta(days=day, hours=2)
        Backup.objects.create(
            name=f"impulsa-{started:%Y%m%dT%H%M%S}Z.impbak", status=Backup.Status.OK,
            started_at=started, finished_at=started + timezone.timedelta(seconds=50 + day),
            size_bytes=480_000_000 + day * 9_000_000, files_count=1200 + day,
        )  # fmt: skip
    Backup.objects.create(
        name=f"impulsa-{now:%Y%m%dT%H%M%S}Z.impbak", status=Backup.Status.FAILED,
        started_at=now, finished_at=now,
        error="PostgresToolError: No se encontró pg_dump de PostgreSQL 17 o más reciente",
    )  # fmt: skip


def test_a_national_admin_reads_backups_and_queues(browser, live_server, world):
    _runs()
    page = open_phone(browser, live_server.url)
    try:
        device = TOTPDevice.objects.create(user=world.national_admin, name="Tel", confirmed=True)
        page.goto("/cuenta/entrar/")
        page.get_by_label("Usuario o matrícula").fill(world.national_admin.username)
        page.get_by_label("Contraseña").fill(PASSWORD)
        page.get_by_role("button", name="Entrar").click()
        page.get_by_label("Código de 6 dígitos").fill(current_token(device))
        page.get_by_role("button", name="Verificar").click()
        expect(page.get_by_role("heading", name=re.compile("^Hola"))).to_be_visible()
        page.goto("/operacion/")
        expect(page.get_by_role("heading", name="Operación de la plataforma")).to_be_visible()
        expect(page.get_by_text("Último respaldo completo")).to_be_visible()
        expect(page.get_by_text("No se encontró pg_dump")).to_be_visible()
        expect(page.get_by_role("img", name="Tamaño de los respaldos recientes")).to_be_visible()
        screenshot(page, "ops-page-phone")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.reload()
        expect(page.get_by_role("heading", name="Colas de tareas")).to_be_visible()
        screenshot(page, "ops-page-desktop")
        axe.finish(page)
    finally:
        page.context.close()
