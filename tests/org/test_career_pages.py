"""Careers: registered and edited (incl. deactivation) from the campus page."""

from impulsa.org.models import Career


def test_campus_admin_registers_a_career(world, login):
    client = login(world.alice)
    url = f"/instituciones/{world.campus_a1.pk}/carreras/nueva/"
    assert "Nueva carrera en Plantel Guadalajara I" in client.get(url).content.decode()
    response = client.post(url, {"code": "mant", "name": "Mantenimiento Industrial"})
    assert response.status_code == 302
    assert response["Location"] == f"/instituciones/{world.campus_a1.pk}/"
    career = Career.objects.get(campus=world.campus_a1, code="MANT")
    assert career.name == "Mantenimiento Industrial"
    assert career.is_active


def test_duplicate_career_code_is_shown_on_the_code_field(world, login):
    client = login(world.alice)
    response = client.post(
        f"/instituciones/{world.campus_a1.pk}/carreras/nueva/", {"code": "INFO", "name": "Otra"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        "El plantel ya tiene una carrera con la clave INFO."
    ]
    assert Career.objects.filter(campus=world.campus_a1).count() == 1


def test_malformed_career_code_is_a_form_error(world, login):
    response = login(world.alice).post(
        f"/instituciones/{world.campus_a1.pk}/carreras/nueva/", {"code": "in fo", "name": "X"}
    )
    assert "code" in response.context["form"].errors
    assert Career.objects.filter(campus=world.campus_a1).count() == 1


def test_careers_are_not_registered_at_a_state_college(world, login):
    response = login(world.state_admin_a).get(f"/instituciones/{world.state_a.pk}/carreras/nueva/")
    assert response.status_code == 400
    assert "Las carreras se registran en un plantel." in response.content.decode()


def test_career_is_renamed_and_deactivated_through_edit(world, login):
    client = login(world.alice)
    url = f"/instituciones/carreras/{world.career_a1.pk}/editar/"
    page = client.get(url)
    assert page.context["form"].initial == {
        "code": "INFO",
        "name": "Informática",
        "is_active": True,
    }
    response = client.post(url, {"code": "INFO", "name": "Informática (plan 2018)"})
    assert response.status_code == 302
    world.career_a1.refresh_from_db()
    assert world.career_a1.name == "Informática (plan 2018)"
    assert not world.career_a1.is_active
    html = client.get(f"/instituciones/{world.campus_a1.pk}/").content.decode()
    assert "inactiva" in html
