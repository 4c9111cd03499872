"""Skills page: create, edit, delete, prerequisites, cycles refused, the graph shown
in prerequisite order."""

from types import SimpleNamespace

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from impulsa.learning.authoring import services
from impulsa.learning.authoring.selectors import prerequisite_order
from impulsa.learning.models import Skill
from tests.learning.test_authoring_courses import draft_course


@pytest.fixture
def course(world):
    return draft_course(world.designer, world.national, "Robótica")


def skills_url(course):
    return reverse("authoring:skills", kwargs={"course_id": course.pk})


@pytest.mark.django_db
def test_designer_creates_a_skill_with_prerequisites(world, login, course):
    base = services.create_skill(actor=world.designer, course=course, name="Aritmética")
    client = login(world.designer)

    response = client.post(
        skills_url(course),
        {"name": "Fracciones", "code": "", "description": "Partes de un entero", "requires": [base.pk]},
        follow=True,
    )  # fmt: skip

    skill = Skill.objects.get(name="Fracciones")
    assert (skill.code, skill.description) == ("fracciones", "Partes de un entero")
    assert list(skill.requires.all()) == [base]
    assert "Se agregó la habilidad «Fracciones»." in response.text
    assert "Requiere: Aritmética" in response.text


@pytest.mark.django_db
def test_skills_are_listed_after_what_they_require(world, login, course):
    advanced = services.create_skill(actor=world.designer, course=course, name="Ecuaciones")
    basic = services.create_skill(actor=world.designer, course=course, name="Números")
    services.set_prerequisites(actor=world.designer, skill=advanced, requires=[basic])

    html = login(world.designer).get(skills_url(course)).text

    assert html.index(">Números <") < html.index(">Ecuaciones <")
    assert "Sin requisitos" in html


@pytest.mark.django_db
def test_a_prerequisite_cycle_is_refused_with_the_chain(world, login, course):
    a = services.create_skill(actor=world.designer, course=course, name="Álgebra", code="algebra")
    b = services.create_skill(
        actor=world.designer, course=course, name="Funciones", code="funciones", requires=[a]
    )
    response = login(world.designer).post(
        reverse("authoring:skill_edit", kwargs={"skill_id": a.pk}),
        {"name": "Álgebra", "code": "algebra", "requires": [b.pk]},
    )
    assert response.status_code == 200
    assert (
        "Esa relación crearía un ciclo de requisitos: Álgebra → Funciones → Álgebra."
        in response.text
    )
    assert list(a.requires.all()) == []


@pytest.mark.django_db
def test_duplicate_skill_code_is_shown_on_the_code_field(world, login, course):
    services.create_skill(actor=world.designer, course=course, name="Álgebra", code="algebra")
    response = login(world.designer).post(skills_url(course), {"name": "Otra", "code": "algebra"})
    assert "Ya hay una habilidad con la clave «algebra»." in response.text
    assert 'id="id_code_error"' in response.text
    assert course.skills.count() == 1


@pytest.mark.django_db
def test_skill_is_edited_and_deleted(world, login, course):
    skill = services.create_skill(actor=world.designer, course=course, name="Lectura")
    client = login(world.designer)

    client.post(
        reverse("authoring:skill_edit", kwargs={"skill_id": skill.pk}),
        {"name": "Comprensión lectora", "code": "comprension", "description": "Textos"},
    )
    skill.refresh_from_db()
    assert (skill.name, skill.code, skill.description) == (
        "Comprensión lectora",
        "comprension",
        "Textos",
    )

    response = client.post(
        reverse("authoring:skill_delete", kwargs={"skill_id": skill.pk}), follow=True
    )
    assert "Se eliminó la habilidad «Comprensión lectora»." in response.text
    assert not Skill.objects.filter(pk=skill.pk).exists()


@pytest.mark.django_db
def test_edit_form_does_not_offer_the_skill_as_its_own_prerequisite(world, login, course):
    skill = services.create_skill(actor=world.designer, course=course, name="Geometría")
    other = services.create_skill(actor=world.designer, course=course, name="Medición")
    html = (
        login(world.designer)
        .get(reverse("authoring:skill_edit", kwargs={"skill_id": skill.pk}))
        .text
    )
    assert f'value="{other.pk}"' in html and f'value="{skill.pk}"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["skill_edit", "skill_delete"])
def test_another_states_designer_cannot_touch_the_skills(world, login, course, url_name):
    skill = services.create_skill(actor=world.designer, course=course, name="Geometría")
    response = login(world.designer_b).post(
        reverse(f"authoring:{url_name}", kwargs={"skill_id": skill.pk}), {"name": "Robada"}
    )
    assert response.status_code == 404
    skill.refresh_from_db()
    assert skill.name == "Geometría"


# --- prerequisite_order, on plain objects ----------------------------------------------


def fake_skills(edges: dict[int, set[int]], count: int):
    skills = [SimpleNamespace(pk=n) for n in range(count)]
    for skill in skills:
        required = [skills[r] for r in sorted(edges.get(skill.pk, ()))]
        skill.requires = SimpleNamespace(all=lambda required=required: required)
    return skills


@st.composite
def acyclic_graphs(draw):
    """Random DAGs: a skill may only require skills of a hidden earlier rank."""
    count = draw(st.integers(min_value=0, max_value=12))
    rank = draw(st.permutations(range(count)))
    edges = {}
    for node in range(count):
        earlier = [other for other in range(count) if rank.index(other) < rank.index(node)]
        if earlier:
            edges[node] = set(draw(st.lists(st.sampled_from(earlier), max_size=4)))
    return edges, count


@given(acyclic_graphs())
def test_prerequisite_order_puts_every_requirement_first_and_keeps_all_skills(graph):
    edges, count = graph
    ordered = prerequisite_order(fake_skills(edges, count))
    place = {skill.pk: index for index, skill in enumerate(ordered)}
    assert sorted(place) == list(range(count))
    for node, required in edges.items():
        assert all(place[r] < place[node] for r in required)


def test_prerequisite_order_keeps_the_given_order_when_nothing_is_required():
    assert [s.pk for s in prerequisite_order(fake_skills({}, 5))] == [0, 1, 2, 3, 4]


def test_prerequisite_order_still_lists_skills_caught_in_a_cycle():
    ordered = prerequisite_order(fake_skills({0: {1}, 1: {0}, 2: set()}, 3))
    assert [s.pk for s in ordered] == [2, 0, 1]
