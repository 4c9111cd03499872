"""Groups: created and edited from the campus page, with only that campus's careers."""

import pytest

from impulsa.org.models import AcademicPeriod, Career, Group


def create_url(campus):
    return f"/instituciones/{campus.pk}/grupos/nuevo/"


def edit_url(group):
    return f"/instituciones/grupos/{group.pk}/editar/"


def group_data(world, **overrides):
    data = {
        "period": AcademicPeriod.objects.get(is_current=True).pk,
        "name": "102",
        "career": world.career_a1.pk,
        "semester": "1",
        "shift": "morning",
    }
    data.update(overrides)
    return data


def test_campus_admin_creates_a_group(world, login):
    client = login(world.alice)
    page = client.get(create_url(world.campus_a1))
    form = page.context["form"]
    assert list(form.fields["career"].queryset) == [world.career_a1]  # only this campus's
    assert [value for value, _ in form.fields["semester"].choices] == [1, 2, 3, 4, 5, 6]
    assert form.initial["period"] == AcademicPeriod.objects.get(is_current=True).pk
    response = client.post(create_url(world.campus_a1), group_data(world, name="201b", semester=2))
    assert response.status_code == 302
    group = Group.objects.get(campus=world.campus_a1, name="201B")
    assert (group.semester, group.career) == (2, world.career_a1)
    assert response["Location"].endswith(f"?period={group.period_id}#grupos")


def test_career_of_another_campus_cannot_be_chosen(world, login):
    other = Career.objects.get(campus=world.campus_a2)
    response = login(world.alice).post(
        create_url(world.campus_a1), group_data(world, career=other.pk)
    )
    assert response.status_code == 200
    assert "career" in response.context["form"].errors
    assert not Group.objects.filter(name="102").exists()


@pytest.mark.parametrize("semester", ["0", "7"])
def test_semester_outside_1_to_6_is_a_form_error(world, login, semester):
    response = login(world.alice).post(
        create_url(world.campus_a1), group_data(world, semester=semester)
    )
    assert "semester" in response.context["form"].errors
    assert not Group.objects.filter(name="102").exists()


def test_duplicate_group_name_is_shown_on_the_name_field(world, login):
    response = login(world.alice).post(create_url(world.campus_a1), group_data(world, name="101"))
    assert response.context["form"].errors["name"] == ["Ya existe el grupo 101 en 2026-2."]
    assert Group.objects.filter(campus=world.campus_a1).count() == 1


def test_group_without_career_is_common_core(world, login):
    client = login(world.alice)
    client.post(create_url(world.campus_a1), group_data(world, career=""))
    group = Group.objects.get(campus=world.campus_a1, name="102")
    assert group.career is None
    html = client.get(f"/instituciones/{world.campus_a1.pk}/").content.decode()
    assert "Tronco común" in html


def test_group_is_edited(world, login):
    client = login(world.alice)
    page = client.get(edit_url(world.group_a1))
    assert page.context["form"].initial["name"] == "101"
    response = client.post(
        edit_url(world.group_a1), group_data(world, name="101", semester=2, shift="afternoon")
    )
    assert response.status_code == 302
    world.group_a1.refresh_from_db()
    assert (world.group_a1.semester, world.group_a1.shift) == (2, "afternoon")


def test_group_keeps_its_deactivated_career_in_the_choices(world, login):
    Career.objects.filter(pk=world.career_a1.pk).update(is_active=False)
    client = login(world.alice)
    assert list(client.get(edit_url(world.group_a1)).context["form"].fields["career"].queryset) == [
        world.career_a1
    ]
    assert not list(
        client.get(create_url(world.campus_a1)).context["form"].fields["career"].queryset
    )
