"""The import pages: upload, status with progress, history, downloads and access."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from impulsa.accounts.imports import progress
from impulsa.accounts.imports.reading import read_rows
from impulsa.accounts.models import ImportJob
from tests.factories import ImportRowFactory, import_csv

pytestmark = pytest.mark.django_db

CREATE_URL = "/importaciones/nueva/"
LIST_URL = "/importaciones/"


def make_job(world, campus=None, creator=None, **fields) -> ImportJob:
    fields.setdefault("original_name", "alumnos.csv")
    return ImportJob.objects.create(
        institution=campus or world.campus_a1,
        created_by=creator or world.alice,
        **fields,
    )


def post_file(client, institution, content, name="alumnos.csv"):
    return client.post(
        CREATE_URL,
        {"institution": institution.pk, "file": SimpleUploadedFile(name, content)},
    )


def test_upload_page_offers_only_institutions_where_the_user_manages_people(world, login):
    client = login(world.state_admin_a)
    response = client.get(CREATE_URL)
    assert response.status_code == 200
    choices = set(response.context["form"].fields["institution"].queryset)
    assert choices == {world.state_a, world.campus_a1, world.campus_a2}
    html = response.content.decode()
    assert 'accept=".csv,.xlsx,' in html
    assert 'enctype="multipart/form-data"' in html
    assert "csrfmiddlewaretoken" in html
    assert reverse("imports:template_csv") in html
    assert reverse("imports:template_xlsx") in html
    assert "primer_apellido" in html and "apellido_paterno" in html


def test_upload_page_defaults_to_the_actors_campus(world, login):
    client = login(world.alice)
    html = client.get(CREATE_URL).content.decode()
    assert re.search(rf'<option value="{world.campus_a1.pk}" selected>', html)


def test_a_valid_file_is_imported_and_the_result_links_to_the_people_list(world, login):
    client = login(world.alice)
    response = post_file(client, world.campus_a1, import_csv(ImportRowFactory.build_batch(3)))
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.headers["Location"] == f"/importaciones/{job.pk}/"

    html = client.get(response.headers["Location"]).content.decode()
    assert "Importación terminada" in html
    assert re.search(r"Alumnos nuevos</dt><dd[^>]*>3<", html)
    assert f'href="/personas/?institution={world.campus_a1.pk}"' in html
    assert "hx-trigger" not in html  # nothing left to poll


def test_a_file_with_errors_lists_each_line_and_offers_them_as_csv(world, login):
    rows = ImportRowFactory.build_batch(3)
    rows[1]["semestre"] = "8"
    client = login(world.alice)
    post_file(client, world.campus_a1, import_csv(rows))
    job = ImportJob.objects.get()

    html = client.get(f"/importaciones/{job.pk}/").content.decode()
    assert "No se importó nada" in html
    assert "<caption>" in html and 'scope="col"' in html
    assert re.search(
        r"<td>3</td>\s*<td><code>semestre</code></td>\s*<td>El semestre debe ser", html
    )

    response = client.get(f"/importaciones/{job.pk}/errores.csv")
    assert response["Content-Type"] == "text/csv"
    assert "attachment" in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines == [
        ["línea", "columna", "error"],
        ["3", "semestre", "El semestre debe ser un número del 1 al 6."],
    ]


def test_an_unreadable_file_is_refused_on_the_form_without_creating_a_job(world, login):
    client = login(world.alice)
    response = post_file(client, world.campus_a1, b"%PDF-1.4", name="alumnos.pdf")
    assert response.status_code == 200
    assert "Sube un archivo .csv o .xlsx." in response.content.decode()
    assert response.context["form"].errors["file"]
    assert not ImportJob.objects.exists()


def test_missing_columns_are_named_on_the_form(world, login):
    client = login(world.alice)
    response = post_file(client, world.campus_a1, b"curp,nombre\nX,Y\n")
    message = response.context["form"].errors["file"][0]
    assert "matricula" in message and "clave_plantel" in message


@override_settings(IMPORT_BACKGROUND_THRESHOLD=2)
def test_a_large_file_is_queued_and_its_page_says_so(world, login):
    client = login(world.alice)
    response = post_file(client, world.campus_a1, import_csv(ImportRowFactory.build_batch(3)))
    job = ImportJob.objects.get()
    assert response.headers["Location"] == f"/importaciones/{job.pk}/"
    html = client.get(f"/importaciones/{job.pk}/").content.decode()
    assert "En cola" in html
    assert 'aria-valuenow="0"' in html


def test_a_running_job_shows_an_accessible_progress_bar_that_polls(world, login):
    job = make_job(world, total_rows=1000)
    progress.publish(job.pk, ImportJob.Status.IMPORTING, 500, 1000)
    client = login(world.alice)

    html = client.get(f"/importaciones/{job.pk}/").content.decode()

    assert re.search(
        r'role="progressbar"[^>]*aria-valuemin="0" aria-valuemax="100" aria-valuenow="75"',
        html.replace("\n", " "),
    )
    assert '<progress class="w-100 progress-import" max="100" value="75"' in html
    assert "75 %" in html
    assert f'hx-get="/importaciones/{job.pk}/progreso/?anunciado=importing"' in html
    assert 'hx-trigger="every 1s"' in html
    assert "Guardando: 500 de 1,000 alumnos." in html
    # Without JavaScript a link reloads the page.
    assert f'href="/importaciones/{job.pk}/"' in html
    assert 'role="status"' in html
    assert " style=" not in html


def test_progress_partial_announces_a_change_of_phase_only_once(world, login):
    job = make_job(world, total_rows=100)
    progress.publish(job.pk, ImportJob.Status.VALIDATING, 40, 100)
    client = login(world.alice)
    url = f"/importaciones/{job.pk}/progreso/"

    changed = client.get(url, {"anunciado": "pending"}, HTTP_HX_REQUEST="true")
    same = client.get(url, {"anunciado": "validating"}, HTTP_HX_REQUEST="true")

    assert changed.status_code == same.status_code == 200
    assert "<html" not in changed.content.decode()
    assert 'id="import-announcer" hx-swap-oob="innerHTML">Validando<' in changed.content.decode()
    assert "hx-swap-oob" not in same.content.decode()
    assert 'aria-valuenow="20"' in same.content.decode()
    assert changed["Cache-Control"].startswith("max-age=0")


def test_progress_partial_of_a_finished_job_stops_polling_and_shows_the_result(world, login):
    job = make_job(
        world, status=ImportJob.Status.DONE, total_rows=5, created_count=2, updated_count=1
    )
    client = login(world.alice)
    html = client.get(f"/importaciones/{job.pk}/progreso/", {"anunciado": "importing"}).content
    html = html.decode()
    assert "hx-trigger" not in html
    assert re.search(r"Sin cambios</dt><dd[^>]*>2<", html)
    assert ">Importado<" in html  # announced


def test_history_lists_the_jobs_in_reach_with_bounded_queries(
    world, login, django_assert_max_num_queries
):
    for number in range(30):
        make_job(world, original_name=f"grupo_{number:02d}.csv")
    make_job(world, campus=world.campus_a2, creator=world.bob, original_name="zapopan.csv")
    make_job(world, campus=world.campus_b1, creator=world.charlie, original_name="toluca.csv")
    client = login(world.alice)

    with django_assert_max_num_queries(12):
        response = client.get(LIST_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("/importaciones/") - html.count("/importaciones/nueva/") >= 25
    assert "grupo_29.csv" in html and "grupo_04.csv" not in html
    assert "Página 1 de 2" in html
    assert "zapopan.csv" not in html and "toluca.csv" not in html
    second = client.get(LIST_URL, {"page": 2}).content.decode()
    assert "grupo_00.csv" in second and "zapopan.csv" not in second

    state = login(world.state_admin_a)
    listed = state.get(LIST_URL, {"page": 2}).content.decode()
    assert "zapopan.csv" in state.get(LIST_URL).content.decode() + listed
    assert "toluca.csv" not in listed


@pytest.mark.parametrize("outsider", ["bob", "charlie"])
def test_other_campus_admins_cannot_open_alices_job(world, login, outsider):
    job = make_job(world, status=ImportJob.Status.INVALID, errors=[{"line": 2}])
    client = login(getattr(world, outsider))
    for suffix in ("", "progreso/", "errores.csv"):
        response = client.get(f"/importaciones/{job.pk}/{suffix}")
        assert response.status_code == 404, suffix


def test_a_sibling_campus_admin_cannot_import_into_campus_a1(world, login):
    client = login(world.bob)
    html = client.get(CREATE_URL).content.decode()
    assert f'value="{world.campus_a1.pk}"' not in html

    response = post_file(client, world.campus_a1, import_csv(ImportRowFactory.build_batch(1)))

    assert response.status_code == 200
    assert response.context["form"].errors["institution"]
    assert not ImportJob.objects.exists()


def test_a_teacher_is_refused_every_import_page(world, login):
    client = login(world.teacher_a1)
    for url in (LIST_URL, CREATE_URL, "/importaciones/plantilla.csv"):
        assert client.get(url).status_code == 403, url
    response = post_file(client, world.campus_a1, import_csv(ImportRowFactory.build_batch(1)))
    assert response.status_code == 403
    assert not ImportJob.objects.exists()


def test_the_import_entry_shows_in_navigation_only_for_people_managers(world, login):
    assert "Importar alumnos" in login(world.alice).get("/").content.decode()
    assert "Importar alumnos" not in login(world.teacher_a1).get("/").content.decode()


def test_templates_download_with_the_actors_campus_in_the_example(world, login):
    client = login(world.alice)
    for url, name, content_type in (
        ("/importaciones/plantilla.csv", "p.csv", "text/csv"),
        ("/importaciones/plantilla.xlsx", "p.xlsx", "application/vnd.openxmlformats"),
    ):
        response = client.get(url)
        assert response["Content-Type"].startswith(content_type)
        assert response["Content-Disposition"].startswith("attachment;")
        (row,) = read_rows(response.content, name=name)
        assert row.values["clave_plantel"] == world.campus_a1.code
        assert row.values["carrera"] == world.career_a1.code
