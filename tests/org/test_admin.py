"""The operators' Django admin for the org models (superuser with a TOTP code)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_otp.plugins.otp_totp.models import TOTPDevice

from impulsa.org.models import Institution
from tests.conftest import current_token
from tests.factories import PASSWORD, UserFactory
from tests.org.conftest import SVG_LOGO, image_upload


@pytest.fixture
def operator(client, world):
    user = UserFactory(username="operador", is_staff=True, is_superuser=True)
    assert client.post("/cuenta/entrar/", {"username": user.username, "password": PASSWORD})
    device = TOTPDevice.objects.create(user=user, name="prueba", confirmed=True)
    response = client.post("/cuenta/verificacion/", {"token": current_token(device)})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize(
    "model", ["institution", "career", "academicperiod", "group", "membership"]
)
def test_operator_lists_and_searches_every_org_model(operator, model):
    assert operator.get(f"/admin/org/{model}/").status_code == 200
    assert operator.get(f"/admin/org/{model}/", {"q": "Plantel"}).status_code == 200


def test_institution_change_page_keeps_the_tree_shape_read_only(operator, world):
    response = operator.get(f"/admin/org/institution/{world.campus_a1.pk}/change/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    for field in ("kind", "parent", "path"):
        assert field not in form.fields
    assert operator.get("/admin/org/institution/add/").status_code == 403


def test_operator_edit_is_checked_like_the_services(operator, world):
    url = f"/admin/org/institution/{world.campus_a1.pk}/change/"
    data = {
        "code": world.campus_a1.code,
        "name": "Plantel Guadalajara I",
        "short_name": "",
        "is_active": "on",
        "display_name": "",
        "primary_color": "#FFFF66",
        "custom_domain": "",
        "careers-TOTAL_FORMS": "0",
        "careers-INITIAL_FORMS": "0",
        "careers-MIN_NUM_FORMS": "0",
        "careers-MAX_NUM_FORMS": "1000",
    }
    response = operator.post(url, data)
    assert response.status_code == 200
    assert "no contrasta lo suficiente" in str(response.context["adminform"].form.errors)
    data["primary_color"] = "#0b5d3b"
    assert operator.post(url, data).status_code == 302
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.primary_color == "#0B5D3B"


def test_staff_without_a_verified_code_cannot_open_the_admin(world, client):
    user = UserFactory(username="operador2", is_staff=True, is_superuser=True)
    client.post("/cuenta/entrar/", {"username": user.username, "password": PASSWORD})
    response = client.get("/admin/org/institution/")
    assert response.status_code == 302
    assert Institution.objects.count() == 6


def test_operator_logo_upload_is_checked_and_renamed(operator, world, media_root):
    url = f"/admin/org/institution/{world.campus_a1.pk}/change/"
    data = {
        "code": world.campus_a1.code,
        "name": world.campus_a1.name,
        "is_active": "on",
        "careers-TOTAL_FORMS": "0",
        "careers-INITIAL_FORMS": "0",
        "careers-MIN_NUM_FORMS": "0",
        "careers-MAX_NUM_FORMS": "1000",
    }
    svg = SimpleUploadedFile("escudo.png", SVG_LOGO, "image/png")
    refused = operator.post(url, {**data, "logo": svg})
    assert refused.status_code == 200
    assert "logo" in refused.context["adminform"].form.errors
    accepted = operator.post(url, {**data, "logo": image_upload("escudo.gif")})
    assert accepted.status_code == 302
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.logo.name.startswith("branding/14dpt0001a-")
    assert world.campus_a1.logo.name.endswith(".png")
