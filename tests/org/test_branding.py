"""Per-institution branding: custom domains, inheritance down the tree, the preview."""

import pytest

from impulsa.org import branding, services

DOMAIN = "guadalajara.conalep.edu.mx"


@pytest.fixture
def gdl_domain(world, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, DOMAIN]
    services.update_institution(
        actor=world.alice,
        institution=world.campus_a1,
        display_name="CONALEP Guadalajara Uno",
        custom_domain=DOMAIN,
    )
    return DOMAIN


def test_custom_domain_shows_its_institutions_name_before_log_in(world, client, gdl_domain):
    response = client.get("/cuenta/entrar/", HTTP_HOST=gdl_domain)
    assert response.status_code == 200
    assert "CONALEP Guadalajara Uno" in response.content.decode()
    other_host = client.get("/cuenta/entrar/").content.decode()
    assert "CONALEP Guadalajara Uno" not in other_host


def test_custom_domain_brands_every_page_whoever_signs_in(world, login, gdl_domain):
    client = login(world.state_admin_a)
    html = client.get("/instituciones/", HTTP_HOST=gdl_domain).content.decode()
    assert "<title>Instituciones · CONALEP Guadalajara Uno</title>" in html


def test_campus_without_its_own_colour_inherits_its_states(world, login):
    services.update_institution(
        actor=world.state_admin_a, institution=world.state_a, primary_color="#7A1F3D"
    )
    assert branding.for_institution(world.campus_a1.pk).primary_color == "#7A1F3D"
    assert branding.for_institution(world.campus_b1.pk).primary_color == branding.DEFAULT_COLOR
    response = login(world.alice).get(f"/instituciones/{world.campus_a1.pk}/")
    html = response.content.decode()
    assert "--brand: #7A1F3D" in html
    preview = response.context["preview"]
    assert preview.primary_color.value == "#7A1F3D"
    assert preview.primary_color.source == world.state_a
    assert "Heredado de CONALEP Jalisco" in html


def test_campus_own_colour_overrides_the_inherited_one(world, login):
    services.update_institution(
        actor=world.state_admin_a, institution=world.state_a, primary_color="#7A1F3D"
    )
    services.update_institution(
        actor=world.alice, institution=world.campus_a1, primary_color="#1F3D7A"
    )
    response = login(world.alice).get(f"/instituciones/{world.campus_a1.pk}/")
    assert "--brand: #1F3D7A" in response.content.decode()
    assert response.context["preview"].primary_color.source == world.campus_a1
    assert "Propio" in response.content.decode()


def test_preview_says_when_the_platform_default_is_used(world, login):
    response = login(world.alice).get(f"/instituciones/{world.campus_a1.pk}/")
    html = response.content.decode()
    assert response.context["preview"].display_name.value == "Impulsa"
    assert "Valor predeterminado de la plataforma" in html
    assert f'fill="{branding.DEFAULT_COLOR}"' in html  # the swatch, without a style attribute
    assert 'style="' not in html


def test_state_display_name_reaches_its_campuses(world, login):
    services.update_institution(
        actor=world.state_admin_a, institution=world.state_a, display_name="CONALEP Jalisco"
    )
    html = login(world.bob).get("/instituciones/").content.decode()
    assert "<title>Instituciones · CONALEP Jalisco</title>" in html
