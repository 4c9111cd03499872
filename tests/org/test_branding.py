"""Per-institution branding: custom domains, inheritance down the tree, the preview."""

import pytest

from impulsa.core.errors import AccessDenied, Conflict, DomainError
from impulsa.org import branding, services
from tests.org.test_institution_pages import edit_data

DOMAIN = "guadalajara.conalep.edu.mx"


@pytest.fixture
def gdl_domain(world, settings):
    # National staff assign the domain; operations then add it to ALLOWED_HOSTS.
    services.update_institution(
        actor=world.national_admin, institution=world.campus_a1, custom_domain=DOMAIN
    )
    services.update_institution(
        actor=world.alice, institution=world.campus_a1, display_name="CONALEP Guadalajara Uno"
    )
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, DOMAIN]
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


# --- Who may assign a custom domain, and which ----------------------------------------


def test_campus_and_state_admins_cannot_assign_a_custom_domain(world):
    for actor, institution in (
        (world.alice, world.campus_a1),
        (world.state_admin_a, world.state_a),
        (world.state_admin_a, world.campus_a1),
    ):
        with pytest.raises(AccessDenied, match="Solo la administración nacional") as refused:
            services.update_institution(
                actor=actor, institution=institution, custom_domain="mi-plantel.conalep.edu.mx"
            )
        assert refused.value.field == "custom_domain"
        institution.refresh_from_db()
        assert institution.custom_domain is None


def test_campus_admin_cannot_remove_a_domain_national_staff_assigned(world, gdl_domain):
    with pytest.raises(AccessDenied):
        services.update_institution(
            actor=world.alice, institution=world.campus_a1, custom_domain=""
        )
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.custom_domain == gdl_domain


def test_campus_admin_edit_page_has_no_domain_field_and_a_posted_one_is_ignored(world, login):
    client = login(world.alice)
    url = f"/instituciones/{world.campus_a1.pk}/editar/"
    page = client.get(url)
    assert "custom_domain" not in page.context["form"].fields
    assert 'name="custom_domain"' not in page.content.decode()

    response = client.post(url, edit_data(world.campus_a1, custom_domain="impulsa.conalep.edu.mx"))

    assert response.status_code == 302
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.custom_domain is None


def test_national_admin_assigns_a_normalized_domain_from_the_edit_page(world, login):
    client = login(world.national_admin)
    url = f"/instituciones/{world.campus_a1.pk}/editar/"
    assert "custom_domain" in client.get(url).context["form"].fields

    response = client.post(
        url, edit_data(world.campus_a1, custom_domain=" Guadalajara.CONALEP.edu.MX:443. ")
    )

    assert response.status_code == 302
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.custom_domain == "guadalajara.conalep.edu.mx"


def test_international_domain_names_are_stored_as_browsers_send_them(world):
    services.update_institution(
        actor=world.national_admin, institution=world.campus_a1, custom_domain="Peñón.edu.mx"
    )
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.custom_domain == "xn--pen-8mak.edu.mx"
    assert branding.institution_for_domain("XN--PEN-8MAK.edu.mx:8443") == world.campus_a1.pk


@pytest.mark.parametrize(
    "host", ["impulsa.conalep.edu.mx", "IMPULSA.conalep.edu.mx.", "conalep.edu.mx"]
)
def test_the_platforms_own_hosts_cannot_be_claimed(world, settings, host):
    settings.ALLOWED_HOSTS = ["impulsa.conalep.edu.mx", ".conalep.edu.mx"]
    with pytest.raises(DomainError, match="propia plataforma") as refused:
        services.update_institution(
            actor=world.national_admin, institution=world.campus_a1, custom_domain=host
        )
    assert refused.value.field == "custom_domain"
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.custom_domain is None


def test_the_host_the_admin_works_on_cannot_be_claimed(world, login, settings):
    settings.ALLOWED_HOSTS = ["*"]
    client = login(world.national_admin)
    url = f"/instituciones/{world.campus_a1.pk}/editar/"

    response = client.post(
        url, edit_data(world.campus_a1, custom_domain="www.impulsa.mx"), HTTP_HOST="www.impulsa.mx"
    )

    assert response.status_code == 200
    assert "propia plataforma" in response.context["form"].errors["custom_domain"][0]
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.custom_domain is None


def test_a_domain_another_institution_has_is_refused(world, gdl_domain):
    with pytest.raises(Conflict, match="Otra institución ya usa ese dominio"):
        services.update_institution(
            actor=world.national_admin,
            institution=world.campus_b1,
            custom_domain="GUADALAJARA.conalep.edu.mx.",
        )


def test_resaving_an_institution_keeps_its_working_domain(world, gdl_domain, login):
    # Once operations add it to ALLOWED_HOSTS it is a platform host too: saving the
    # institution again (same domain) must still work.
    client = login(world.alice)
    url = f"/instituciones/{world.campus_a1.pk}/editar/"
    response = client.post(url, edit_data(world.campus_a1, name="Plantel GDL I"))
    assert response.status_code == 302
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.custom_domain == gdl_domain
