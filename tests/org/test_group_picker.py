"""The group picker's option endpoint: scoped by the access rule for the picker's use,
bounded, searchable by name or career."""

from django.urls import reverse

from tests.factories import GroupFactory

OPTIONS = reverse("org:group_options")


def _values(response) -> list[int]:
    assert response.status_code == 200
    return [option["value"] for option in response.json()["results"]]


def test_options_never_include_another_campus_groups(world, login):
    client = login(world.alice)
    mine = _values(client.get(OPTIONS, {"uso": "personas"}))
    assert mine == [world.group_a1.pk]
    for campus in (world.campus_a2, world.campus_b1):
        assert _values(client.get(OPTIONS, {"uso": "personas", "campus": campus.pk})) == []
        assert _values(client.get(OPTIONS, {"uso": "inscripcion", "campus": campus.pk})) == []


def test_options_of_a_state_admin_cover_the_state_and_name_the_campus(world, login):
    response = login(world.state_admin_a).get(OPTIONS, {"uso": "personas", "q": "101"})
    labels = [option["text"] for option in response.json()["results"]]
    assert len(labels) == 2
    assert any("Plantel Zapopan" in label for label in labels)
    assert not any("Toluca" in label for label in labels)


def test_options_are_searched_and_bounded(world, login):
    for n in range(30):
        GroupFactory(campus=world.campus_a1, period=world.group_a1.period, name=f"5{n:02d}")
    client = login(world.alice)
    params = {"uso": "personas", "campus": world.campus_a1.pk}
    assert len(_values(client.get(OPTIONS, params))) == 20
    assert len(_values(client.get(OPTIONS, {**params, "q": "52"}))) == 10
    assert _values(client.get(OPTIONS, {**params, "q": "no existe"})) == []


def test_a_student_gets_no_options(world, login):
    assert login(world.student_a1).get(OPTIONS, {"uso": "personas"}).status_code == 403
