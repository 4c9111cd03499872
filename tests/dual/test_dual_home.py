"""Dual on the home page: a director's figures for their node, and the student's current
station linking to the player's content for each of its competencies."""

import re

import pytest
from django.urls import reverse

from impulsa.learning.api import PublishedActivity, create_skill
from impulsa.org.roles import Role
from tests.factories import MembershipFactory, UserFactory
from tests.learning_builders import enroll

pytestmark = pytest.mark.django_db


def _home(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _figure(page: str, label: str) -> str:
    match = re.search(rf"<dt[^>]*>{label}.*?</dt>\s*<dd[^>]*>([\d,]+)</dd>", page, re.S)
    assert match, f"no figure {label}"
    return match.group(1)


def _director(institution):
    user = UserFactory(username=f"director_{institution.pk}")
    MembershipFactory(user=user, institution=institution, role=Role.DIRECTOR)
    return user


def test_directors_read_dual_figures_of_their_node_only(login, world, dual):
    for node in (world.campus_a1, world.state_a):
        page = _home(login(_director(node)))
        assert _figure(page, "Alumnos en dual") == "1"
        assert _figure(page, "Empresas activas") == "1"
        assert _figure(page, "Incidencias dual abiertas") == "1"
    sibling = _home(login(_director(world.campus_a2)))
    assert _figure(sibling, "Alumnos en dual") == "0"
    assert _figure(sibling, "Incidencias dual abiertas") == "0"


def _links(page: str) -> dict[str, str]:
    """Competency name -> where its link goes, in the station's content list."""
    section = page.split("Contenido de tu estación", 1)[1].split("</ul>", 1)[0]
    return dict(re.findall(r"<li>([^<·]+?) · <a href=\"([^\"]+)\"", section))


def test_station_links_to_my_courses_until_the_student_takes_the_course(login, world, dual):
    links = _links(_home(login(world.student_a1)))
    assert links == {
        "Aritmética": reverse("player:my_courses"),
        "Fracciones": reverse("player:my_courses"),
    }


def test_station_links_to_the_players_content_of_each_competency(login, world, dual):
    course = dual.position.competencies.first().course
    enrollment = enroll(world.alice, world.student_a1, course)
    # A competency no published activity teaches leads to the course itself.
    untaught = create_skill(actor=world.designer, course=course, name="Soldadura", code="sold")
    dual.position.competencies.add(untaught)
    client = login(world.student_a1)
    links = _links(_home(client))
    reading = PublishedActivity.objects.get(version=enrollment.version, title="Qué es una fracción")
    quiz = PublishedActivity.objects.get(version=enrollment.version, title="Comprueba")
    assert links == {
        "Fracciones": reverse("player:activity", args=[enrollment.pk, reading.key]),
        "Aritmética": reverse("player:activity", args=[enrollment.pk, quiz.key]),
        "Soldadura": reverse("player:course", args=[enrollment.pk]),
    }
    assert client.get(links["Fracciones"]).status_code == 200
