"""The import/export page: upload results, problems listed, downloads."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from impulsa.assessment.models import ActivityItem, Item
from tests.learning_builders import build_course

FILES = Path(__file__).parent / "files"


@pytest.fixture
def built(world):
    return build_course(world.designer, institution=world.national, name="Álgebra", publish=False)


def _upload(client, course, name, **extra):
    url = reverse("itembank:import", kwargs={"course_id": course.pk})
    upload = SimpleUploadedFile(name, (FILES / name).read_bytes())
    return client.post(url, {"file": upload, **extra})


def test_good_file_reports_how_many_were_imported_with_links(world, login, built):
    response = _upload(login(world.designer), built.course, "preguntas.xml")

    html = response.content.decode()
    assert "Se importaron 8 reactivos." in html
    item = Item.objects.get(versions__name="De menor a mayor")
    assert reverse("itembank:item_edit", kwargs={"item_id": item.pk}) in html


def test_bad_file_lists_each_problem_with_line_and_name_and_imports_nothing(world, login, built):
    before = Item.objects.count()

    response = _upload(login(world.designer), built.course, "mala.gift")

    html = response.content.decode()
    assert (
        "Línea 5 · «Explica tu razonamiento»: Una pregunta sin respuestas (descripción) no se admite."
        in html
    )
    assert "no se importó ningún reactivo" in html
    assert Item.objects.count() == before


def test_import_into_a_chosen_practice(world, login, built):
    response = _upload(
        login(world.designer), built.course, "preguntas.gift", activity=built.practice.pk
    )

    assert "Se importaron 7 reactivos." in response.content.decode()
    assert ActivityItem.objects.filter(activity=built.practice).count() == 8 + 7


def test_page_lists_what_each_export_leaves_out(world, login, built):
    url = reverse("itembank:import", kwargs={"course_id": built.course.pk})

    html = login(world.designer).get(url).content.decode()

    assert "GIFT no tiene preguntas de ordenar." in html
    assert (
        reverse("itembank:export", kwargs={"course_id": built.course.pk, "fmt": "moodle_xml"})
        in html
    )


@pytest.mark.parametrize(
    ("fmt", "suffix", "marker"), [("gift", ".gift", b"::"), ("moodle_xml", ".xml", b"<quiz>")]
)
def test_export_downloads_a_file(world, login, built, fmt, suffix, marker):
    url = reverse("itembank:export", kwargs={"course_id": built.course.pk, "fmt": fmt})

    response = login(world.designer).get(url)

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'{suffix}"')
    assert marker in response.content


def test_unknown_export_format_is_404(world, login, built):
    url = reverse("itembank:export", kwargs={"course_id": built.course.pk, "fmt": "pdf"})

    assert login(world.designer).get(url).status_code == 404


def test_designer_of_another_state_cannot_open_the_import_page(world, login, built):
    url = reverse("itembank:import", kwargs={"course_id": built.course.pk})

    assert login(world.designer_b).get(url).status_code == 404
