"""Publish page: what blocks publishing, publishing, and the version history."""

import pytest
from django.urls import reverse

from impulsa.learning.authoring import services
from impulsa.learning.content import services as content_services
from impulsa.learning.models import CourseVersion
from tests.learning.test_authoring_courses import draft_course

pytestmark = pytest.mark.django_db


def publish_url(course):
    return reverse("authoring:publish", kwargs={"course_id": course.pk})


def test_publishing_with_problems_lists_them_and_writes_no_version(world, login):
    course = draft_course(world.designer, world.national, "Robótica")
    lesson = course.units.get().lessons.get()
    services.create_activity(actor=world.designer, lesson=lesson, kind="quiz", title="Examen")
    services.create_unit(actor=world.designer, course=course, title="Vacía")
    client = login(world.designer)

    page = client.get(publish_url(course)).text
    response = client.post(publish_url(course))

    for html in (page, response.text):
        assert "La unidad «Vacía» no tiene lecciones." in html
        assert "La actividad «Examen» no tiene reactivos." in html
        assert "Publicar ahora" not in html
    assert "No se publicó" in response.text
    assert not CourseVersion.objects.exists()
    course.refresh_from_db()
    assert course.published is None


def test_publishing_a_ready_course_announces_the_version_and_lists_history(world, login):
    course = draft_course(world.designer, world.national, "Robótica")
    client = login(world.designer)
    assert "Publicar ahora" in client.get(publish_url(course)).text

    first = client.post(publish_url(course), follow=True)
    services.create_unit(actor=world.designer, course=course, title="Nueva")
    lesson = services.create_lesson(
        actor=world.designer, unit=course.units.get(title="Nueva"), title="L"
    )
    page = services.create_activity(actor=world.designer, lesson=lesson, kind="content", title="P")
    content_services.save_variant(actor=world.designer, activity=page, kind="text", body="Texto")
    second = client.post(publish_url(course), follow=True)

    assert "Versión 1 publicada." in first.text
    assert "Versión 2 publicada." in second.text
    assert list(course.versions.values_list("number", "published_by")) == [
        (2, world.designer.pk),
        (1, world.designer.pk),
    ]
    history = second.text[second.text.index("Versiones publicadas") :]
    assert history.index("v2") < history.index("v1")
    assert world.designer.get_full_name() in history
    assert "no hay cambios sin publicar" in second.text


def test_course_list_and_editor_show_the_published_version(world, login):
    course = draft_course(world.designer, world.national, "Robótica")
    client = login(world.designer)
    client.post(publish_url(course))
    assert "Publicado v1" in client.get(reverse("authoring:course_list")).text
    editor = client.get(reverse("authoring:course_detail", kwargs={"course_id": course.pk})).text
    assert "Publicado v1" in editor and "Cambios sin publicar" not in editor
