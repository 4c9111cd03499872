"""Course list, new dual course and who may open a course's authoring pages."""

import pytest
from django.urls import reverse

from impulsa.learning.authoring import services
from impulsa.learning.content import services as content_services
from impulsa.learning.models import Course, Program, VariantKind
from impulsa.learning.publishing import services as publishing

pytestmark = pytest.mark.django_db


def draft_course(author, institution, name="Curso dual", *, program=None, publish=False):
    """A small course: one unit, one lesson, one content page with text."""
    course = services.create_course(actor=author, institution=institution, name=name)
    if program:
        Course.objects.filter(pk=course.pk).update(program=program)
        course.refresh_from_db()
    unit = services.create_unit(actor=author, course=course, title="Unidad 1")
    lesson = services.create_lesson(actor=author, unit=unit, title="Lección 1")
    page = services.create_activity(actor=author, lesson=lesson, kind="content", title="Lectura")
    content_services.save_variant(actor=author, activity=page, kind=VariantKind.TEXT, body="Hola.")
    if publish:
        publishing.publish(actor=author, course=course)
        course.refresh_from_db()
    return course


def test_course_list_groups_by_program_and_shows_each_status(world, login):
    fresh = draft_course(world.designer, world.national, "Robótica dual")
    published = draft_course(
        world.designer, world.national, "Matemáticas", program=Program.PROPEDEUTICO, publish=True
    )
    changed = draft_course(
        world.designer, world.national, "Asesoría de lectura", program=Program.ASESORIAS,
        publish=True,
    )  # fmt: skip
    services.update_course(actor=world.designer, course=changed, name=changed.name, description="x")

    html = login(world.designer).get(reverse("authoring:course_list")).content.decode()

    headings = [html.index(f'id="program-{p}"') for p in ("propedeutico", "asesorias", "dual")]
    assert headings == sorted(headings)

    def row(course):
        start = html.index(course.name)
        return html[start : html.index("</tr>", start)]

    assert "En preparación" in row(fresh)
    assert "Publicado v1" in row(published) and "Cambios sin publicar" not in row(published)
    assert "Publicado v1" in row(changed) and "Cambios sin publicar" in row(changed)


def test_course_list_filters_by_program_and_text(world, login):
    draft_course(world.designer, world.national, "Robótica dual")
    draft_course(world.designer, world.national, "Matemáticas", program=Program.PROPEDEUTICO)
    client = login(world.designer)

    by_program = client.get(reverse("authoring:course_list"), {"program": "propedeutico"})
    by_text = client.get(reverse("authoring:course_list"), {"q": "robó"})

    assert "Matemáticas" in by_program.text and "Robótica" not in by_program.text
    assert "Robótica" in by_text.text and "Matemáticas" not in by_text.text


def test_designer_of_a_state_sees_only_its_own_courses(world, login):
    draft_course(world.designer, world.national, "Curso del catálogo nacional")
    draft_course(world.designer_b, world.state_b, "Curso de Edomex")

    html = login(world.designer_b).get(reverse("authoring:course_list")).text

    assert "Curso de Edomex" in html
    assert "Curso del catálogo nacional" not in html


def test_people_who_do_not_author_cannot_open_the_course_list(world, login):
    assert login(world.teacher_a1).get(reverse("authoring:course_list")).status_code == 403
    assert login(world.student_a1).get(reverse("authoring:course_list")).status_code == 403


def test_course_list_query_count_does_not_grow_with_courses(
    world, login, django_assert_max_num_queries
):
    client = login(world.designer)
    draft_course(world.designer, world.national, "Curso 1")
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("authoring:course_list"))
    for n in range(2, 12):
        draft_course(world.designer, world.national, f"Curso {n}", publish=n % 2 == 0)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("authoring:course_list"))
    assert "Curso 11" in response.text


def test_designer_creates_a_dual_course_owned_by_a_node_they_author(world, login):
    client = login(world.designer_b)
    form = client.get(reverse("authoring:course_create")).text
    assert world.state_b.name in form and world.national.name not in form

    response = client.post(
        reverse("authoring:course_create"),
        {"name": "Mecatrónica en la empresa", "description": "Rotación 1", "institution": world.campus_b1.pk},
    )  # fmt: skip

    course = Course.objects.get(name="Mecatrónica en la empresa")
    assert response.status_code == 302
    assert response.url == reverse("authoring:course_detail", kwargs={"course_id": course.pk})
    assert (course.program, course.institution, course.published) == (
        Program.DUAL,
        world.campus_b1,
        None,
    )


def test_creating_a_course_for_a_node_out_of_reach_is_refused(world, login):
    response = login(world.designer_b).post(
        reverse("authoring:course_create"),
        {"name": "Intruso", "institution": world.state_a.pk},
    )
    assert response.status_code == 200
    assert "Revisa lo siguiente" in response.text
    assert not Course.objects.filter(name="Intruso").exists()


def test_creating_a_course_without_a_name_shows_the_error(world, login):
    response = login(world.designer).post(
        reverse("authoring:course_create"), {"name": "", "institution": world.national.pk}
    )
    assert "Este campo es obligatorio" in response.text
    assert not Course.objects.exists()


def test_course_data_can_be_renamed_for_a_dual_course(world, login):
    course = draft_course(world.designer, world.national, "Nombre viejo")
    response = login(world.designer).post(
        reverse("authoring:course_edit", kwargs={"course_id": course.pk}),
        {"name": "Nombre nuevo", "description": "Descripción"},
    )
    course.refresh_from_db()
    assert response.status_code == 302
    assert (course.name, course.description) == ("Nombre nuevo", "Descripción")


def test_catalog_course_name_change_is_refused_with_the_service_message(world, login):
    course = draft_course(world.designer, world.national, "Lenguaje", program=Program.PROPEDEUTICO)
    response = login(world.designer).post(
        reverse("authoring:course_edit", kwargs={"course_id": course.pk}),
        {"name": "Otro nombre", "description": ""},
    )
    assert "no se cambia" in response.text
    course.refresh_from_db()
    assert course.name == "Lenguaje"


@pytest.mark.parametrize("url_name", ["course_detail", "course_edit", "skills", "publish"])
def test_state_designer_cannot_open_the_national_catalog_course(world, login, url_name):
    course = draft_course(world.designer, world.national, "Catálogo")
    response = login(world.designer_b).get(
        reverse(f"authoring:{url_name}", kwargs={"course_id": course.pk})
    )
    assert response.status_code == 404
    assert "Catálogo" not in response.text


@pytest.mark.parametrize("url_name", ["course_detail", "skills", "publish"])
def test_admin_of_another_state_cannot_open_a_state_course(world, login, url_name):
    course = draft_course(world.designer_b, world.state_b, "Curso secreto de Edomex")
    response = login(world.state_admin_a).get(
        reverse(f"authoring:{url_name}", kwargs={"course_id": course.pk})
    )
    assert response.status_code == 404
    assert "Curso secreto" not in response.text


def test_state_designer_cannot_publish_the_national_course(world, login):
    course = draft_course(world.designer, world.national, "Catálogo")
    response = login(world.designer_b).post(
        reverse("authoring:publish", kwargs={"course_id": course.pk})
    )
    assert response.status_code == 404
    assert not course.versions.exists()
