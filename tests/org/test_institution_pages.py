"""The institution tree, detail, create and edit pages."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from impulsa.org.models import Institution
from impulsa.org.roles import Kind
from tests.factories import CareerFactory, GroupFactory, InstitutionFactory, PeriodFactory
from tests.org.conftest import SVG_LOGO, image_upload

LIST = "/instituciones/"


def detail(institution):
    return f"/instituciones/{institution.pk}/"


def edit_data(institution, **overrides):
    data = {
        "code": institution.code,
        "name": institution.name,
        "short_name": institution.short_name,
        "is_active": "on" if institution.is_active else "",
        "display_name": institution.display_name,
        "primary_color": institution.primary_color,
        "primary_color_picker": "#0b6e4f",
        "custom_domain": institution.custom_domain or "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


def names_in_order(html: str) -> list[str]:
    return re.findall(r'<a href="/instituciones/\d+/">([^<]+)</a>', html)


# --- Tree ---------------------------------------------------------------------------------


def test_national_admin_sees_the_whole_tree_in_order_with_counts(world, login):
    client = login(world.national_admin)
    response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert names_in_order(html) == [
        "CONALEP Nacional",
        "CONALEP Jalisco",
        "Plantel Guadalajara I",
        "Plantel Zapopan",
        "CONALEP Estado de México",
        "Plantel Toluca",
    ]
    rows = {i.name: i for i in response.context["page"]}
    assert rows["CONALEP Nacional"].campus_count == 3
    assert rows["CONALEP Nacional"].career_count == 3
    assert rows["CONALEP Jalisco"].campus_count == 2
    assert rows["Plantel Zapopan"].career_count == 1
    assert 'class="tree-depth-3"' in html


def test_campus_admin_sees_only_their_campus_in_the_tree(world, login):
    html = login(world.alice).get(LIST).content.decode()
    assert names_in_order(html) == ["Plantel Guadalajara I"]
    assert 'class="tree-depth-1"' in html  # indentation starts at the viewer's top node


def test_state_admin_sees_their_state_and_its_campuses(world, login):
    html = login(world.state_admin_a).get(LIST).content.decode()
    assert names_in_order(html) == ["CONALEP Jalisco", "Plantel Guadalajara I", "Plantel Zapopan"]


@pytest.mark.parametrize(
    ("query", "found"), [("zapo", ["Plantel Zapopan"]), ("15dpt", ["Plantel Toluca"])]
)
def test_tree_search_matches_name_or_code(world, login, query, found):
    response = login(world.national_admin).get(LIST, {"q": query})
    assert names_in_order(response.content.decode()) == found


def test_search_never_reaches_outside_the_viewers_scope(world, login):
    response = login(world.alice).get(LIST, {"q": "Plantel"})
    assert names_in_order(response.content.decode()) == ["Plantel Guadalajara I"]


def test_tree_page_query_count_does_not_grow_with_institutions(
    world, login, django_assert_max_num_queries
):
    client = login(world.national_admin)
    for n in range(30):
        campus = InstitutionFactory(parent=world.state_b, code=f"15DPT{n:04d}X")
        CareerFactory(campus=campus)
    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    assert response.status_code == 200
    assert len(response.context["page"]) == 36


def test_tree_is_paginated(world, login):
    for n in range(100):
        InstitutionFactory(parent=world.state_b, code=f"15DPT{n:04d}X")
    client = login(world.national_admin)
    first = client.get(LIST)
    assert len(first.context["page"]) == 100
    assert "Página 1 de 2" in first.content.decode()
    second = client.get(LIST, {"page": 2})
    assert len(second.context["page"]) == 6


def test_student_has_no_institution_pages(world, login):
    assert login(world.student_a1).get(LIST).status_code == 403


def test_anonymous_visitor_is_sent_to_log_in(world, client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/cuenta/entrar/")


# --- Detail -------------------------------------------------------------------------------


def test_campus_detail_shows_data_careers_groups_and_actions_for_its_admin(world, login):
    response = login(world.alice).get(detail(world.campus_a1))
    assert response.status_code == 200
    html = response.content.decode()
    assert "14DPT0001A" in html
    assert "Informática" in html
    assert [g.name for g in response.context["groups_page"]] == ["101"]
    assert f"/instituciones/{world.campus_a1.pk}/editar/" in html
    assert f"/instituciones/{world.campus_a1.pk}/carreras/nueva/" in html
    assert f"/instituciones/{world.campus_a1.pk}/grupos/nuevo/" in html
    assert f"/instituciones/carreras/{world.career_a1.pk}/editar/" in html
    assert f"/personas/?institution={world.campus_a1.pk}" in html
    assert f"/instituciones/{world.campus_a1.pk}/nueva/" not in html  # campuses have no children
    # The parent is out of alice's reach: named, not linked.
    assert "CONALEP Jalisco" in html
    assert f'href="/instituciones/{world.state_a.pk}/"' not in html


def test_teacher_reads_the_campus_without_action_buttons(world, login):
    response = login(world.teacher_a1).get(detail(world.campus_a1))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Informática" in html
    assert "/editar/" not in html
    assert "/nueva/" not in html
    assert "/grupos/nuevo/" not in html


def test_state_detail_lists_its_campuses_and_offers_a_new_campus(world, login):
    response = login(world.state_admin_a).get(detail(world.state_a))
    html = response.content.decode()
    assert [c.name for c in response.context["children"]] == [
        "Plantel Guadalajara I",
        "Plantel Zapopan",
    ]
    assert "Nuevo plantel" in html
    assert "Plantel Toluca" not in html


def test_detail_groups_filter_by_period(world, login):

    from tests.factories import GroupFactory

    old = PeriodFactory(
        code="2026-1",
        is_current=False,
        starts_on=datetime.date(2026, 2, 2),
        ends_on=datetime.date(2026, 7, 10),
    )
    GroupFactory(campus=world.campus_a1, period=old, name="601", semester=6)
    client = login(world.alice)
    current = client.get(detail(world.campus_a1))
    assert [g.name for g in current.context["groups_page"]] == ["101"]
    previous = client.get(detail(world.campus_a1), {"period": old.pk})
    assert [g.name for g in previous.context["groups_page"]] == ["601"]


def test_campus_detail_query_count_is_bounded(world, login, django_assert_max_num_queries):
    for _ in range(20):
        career = CareerFactory(campus=world.campus_a1)
        GroupFactory(campus=world.campus_a1, period=world.group_a1.period, career=career)
    client = login(world.alice)
    with django_assert_max_num_queries(16):
        response = client.get(detail(world.campus_a1))
    assert len(response.context["groups_page"]) == 21


def test_national_detail_query_count_is_bounded(world, login, django_assert_max_num_queries):
    for n in range(10):
        InstitutionFactory(kind=Kind.STATE, parent=world.national, code=f"ST{n:03d}")
    client = login(world.national_admin)
    with django_assert_max_num_queries(14):
        response = client.get(detail(world.national))
    assert len(response.context["children"]) == 12


# --- Create -------------------------------------------------------------------------------


def test_state_admin_registers_a_campus(world, login):
    client = login(world.state_admin_a)
    url = f"/instituciones/{world.state_a.pk}/nueva/"
    page = client.get(url)
    assert "Nuevo plantel en CONALEP Jalisco" in page.content.decode()
    response = client.post(url, {"code": "14dpt0003c", "name": "Plantel Tonalá"})
    campus = Institution.objects.get(code="14DPT0003C")
    assert response.status_code == 302
    assert response["Location"] == detail(campus)
    assert campus.parent == world.state_a
    assert campus.kind == Kind.CAMPUS


def test_duplicate_code_shows_the_services_error_on_the_code_field(world, login):
    client = login(world.state_admin_a)
    response = client.post(
        f"/instituciones/{world.state_a.pk}/nueva/", {"code": "14DPT0002B", "name": "Repetido"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "Ya existe una institución con la clave 14DPT0002B."
    ]
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Institution.objects.filter(name="Repetido").exists()


def test_missing_name_is_a_form_error(world, login):
    client = login(world.state_admin_a)
    response = client.post(f"/instituciones/{world.state_a.pk}/nueva/", {"code": "14DPT0004D"})
    assert "name" in response.context["form"].errors
    assert not Institution.objects.filter(code="14DPT0004D").exists()


def test_campus_page_for_new_child_answers_that_campuses_have_no_children(world, login):
    response = login(world.alice).get(f"/instituciones/{world.campus_a1.pk}/nueva/")
    assert response.status_code == 400
    assert "Un plantel no puede tener instituciones debajo." in response.content.decode()


# --- Edit (data and branding) -------------------------------------------------------------


def test_admin_edits_name_and_branding(world, login):
    client = login(world.alice)
    url = f"/instituciones/{world.campus_a1.pk}/editar/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        edit_data(
            world.campus_a1,
            name="Plantel Guadalajara Uno",
            display_name="CONALEP GDL I",
            primary_color="#123456",
        ),
    )
    assert response.status_code == 302
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.name == "Plantel Guadalajara Uno"
    assert world.campus_a1.display_name == "CONALEP GDL I"
    assert world.campus_a1.primary_color == "#123456"
    page = client.get(detail(world.campus_a1)).content.decode()
    assert "--brand: #123456" in page  # the cache was refreshed at once
    assert "CONALEP GDL I" in page


def test_low_contrast_colour_shows_the_error_on_the_colour_field(world, login):
    client = login(world.alice)
    response = client.post(
        f"/instituciones/{world.campus_a1.pk}/editar/",
        edit_data(world.campus_a1, name="Cambio", primary_color="#FFEE00"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["primary_color"]
    assert "no contrasta lo suficiente con texto blanco" in errors[0]
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.name == "Plantel Guadalajara I"
    assert world.campus_a1.primary_color == ""
    # The page heading still names the institution as it is stored.
    assert "Editar Plantel Guadalajara I" in response.content.decode()


def test_colour_picker_is_used_when_only_the_picker_changed(world, login):
    client = login(world.alice)
    client.post(
        f"/instituciones/{world.campus_a1.pk}/editar/",
        edit_data(world.campus_a1, primary_color_picker="#1a2b3c"),
    )
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.primary_color == "#1A2B3C"


def test_typed_colour_wins_over_the_picker(world, login):
    client = login(world.alice)
    client.post(
        f"/instituciones/{world.campus_a1.pk}/editar/",
        edit_data(world.campus_a1, primary_color="#333333", primary_color_picker="#1a2b3c"),
    )
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.primary_color == "#333333"


def test_untouched_colour_fields_keep_inheriting(world, login):
    client = login(world.alice)
    client.post(
        f"/instituciones/{world.campus_a1.pk}/editar/",
        edit_data(world.campus_a1, short_name="GDL I"),
    )
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.short_name == "GDL I"
    assert world.campus_a1.primary_color == ""


def test_form_renders_a_colour_input_and_a_text_box(world, login):
    html = login(world.alice).get(f"/instituciones/{world.campus_a1.pk}/editar/").content.decode()
    assert 'type="color"' in html
    assert 'name="primary_color"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'accept="image/png,image/jpeg"' in html


def test_logo_upload_through_the_page(world, login, media_root):
    client = login(world.alice)
    data = edit_data(world.campus_a1)
    data["logo"] = image_upload("escudo.png")
    response = client.post(f"/instituciones/{world.campus_a1.pk}/editar/", data)
    assert response.status_code == 302
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.logo.name.endswith(".png")
    page = client.get(detail(world.campus_a1)).content.decode()
    assert world.campus_a1.logo.url in page


def test_svg_logo_is_refused_on_the_logo_field(world, login, media_root):
    client = login(world.alice)
    data = edit_data(world.campus_a1, name="Cambio")
    data["logo"] = SimpleUploadedFile("escudo.svg", SVG_LOGO, "image/svg+xml")
    response = client.post(f"/instituciones/{world.campus_a1.pk}/editar/", data)
    assert response.status_code == 200
    assert "SVG no se acepta" in response.context["form"].errors["logo"][0]
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.name == "Plantel Guadalajara I"
    assert not world.campus_a1.logo


def test_logo_over_one_megabyte_is_refused(world, login, media_root):
    client = login(world.alice)
    data = edit_data(world.campus_a1)
    data["logo"] = image_upload(size=(900, 900), noise=True)
    response = client.post(f"/instituciones/{world.campus_a1.pk}/editar/", data)
    assert "el máximo es 1 MB" in response.context["form"].errors["logo"][0]
    world.campus_a1.refresh_from_db()
    assert not world.campus_a1.logo


def test_logo_can_be_removed_to_inherit_again(world, login, media_root):
    client = login(world.alice)
    data = edit_data(world.campus_a1)
    data["logo"] = image_upload("escudo.png")
    client.post(f"/instituciones/{world.campus_a1.pk}/editar/", data)
    client.post(
        f"/instituciones/{world.campus_a1.pk}/editar/",
        edit_data(world.campus_a1, **{"logo-clear": "on"}),
    )
    world.campus_a1.refresh_from_db()
    assert not world.campus_a1.logo


def test_taken_domain_shows_the_conflict_on_the_domain_field(world, login):
    world.campus_a2.custom_domain = "zapopan.conalep.edu.mx"
    world.campus_a2.save()
    client = login(world.national_admin)  # only national staff assign domains
    response = client.post(
        f"/instituciones/{world.campus_a1.pk}/editar/",
        edit_data(world.campus_a1, custom_domain="zapopan.conalep.edu.mx"),
    )
    assert response.context["form"].errors["custom_domain"] == [
        "Otra institución ya usa ese dominio."
    ]


def test_campus_admin_cannot_switch_off_their_own_campus(world, login):
    client = login(world.alice)
    data = edit_data(world.campus_a1)
    data.pop("is_active")
    response = client.post(f"/instituciones/{world.campus_a1.pk}/editar/", data)
    assert response.status_code == 200
    assert (
        "Solo la administración de CONALEP Jalisco"
        in (response.context["form"].errors["is_active"][0])
    )
    world.campus_a1.refresh_from_db()
    assert world.campus_a1.is_active
