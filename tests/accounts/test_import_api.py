"""REST API of the student import: upload, status and errors, always scoped."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from rest_framework.test import APIClient

from impulsa.accounts.imports import progress
from impulsa.accounts.models import ImportJob, User
from tests.conftest import api_token
from tests.factories import ImportRowFactory, import_csv

pytestmark = pytest.mark.django_db

URL = "/api/v1/imports/"


def api(user) -> APIClient:
    client = APIClient()
    token = api_token(user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def upload(client, institution, rows, name="alumnos.csv"):
    content = import_csv(rows) if isinstance(rows, list) else rows
    return client.post(
        URL,
        {"institution": institution.pk, "file": SimpleUploadedFile(name, content)},
        format="multipart",
    )


def test_uploading_a_small_file_answers_201_with_the_result(world):
    rows = ImportRowFactory.build_batch(3)
    response = upload(api(world.alice), world.campus_a1, rows)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "done"
    assert body["status_label"] == "Importado"
    assert (body["created_count"], body["updated_count"], body["unchanged_count"]) == (3, 0, 0)
    assert (body["percent"], body["total_rows"], body["errors"]) == (100, 3, [])
    assert body["institution"] == world.campus_a1.pk
    assert body["created_by"] == world.alice.pk
    assert User.objects.filter(username=rows[0]["matricula"]).exists()


def test_a_file_with_errors_answers_201_with_each_line_and_writes_nothing(world):
    rows = ImportRowFactory.build_batch(2)
    rows[0]["correo"] = "sin-arroba"
    response = upload(api(world.alice), world.campus_a1, rows)
    body = response.json()
    assert body["status"] == "invalid"
    assert body["errors"] == [
        {"line": 2, "column": "correo", "message": "El correo electrónico no es válido."}
    ]
    assert not User.objects.filter(username=rows[1]["matricula"]).exists()


def test_an_unreadable_file_answers_400_in_spanish(world):
    response = upload(api(world.alice), world.campus_a1, b"hola", name="alumnos.txt")
    assert response.status_code == 400
    assert response.json() == {"detail": "Sube un archivo .csv o .xlsx.", "field": "file"}
    assert not ImportJob.objects.exists()


@override_settings(IMPORT_BACKGROUND_THRESHOLD=2)
def test_a_large_file_answers_202_and_its_status_shows_progress(world):
    client = api(world.alice)
    response = upload(client, world.campus_a1, ImportRowFactory.build_batch(4))
    assert response.status_code == 202
    job_id = response.json()["id"]
    assert response.json()["status"] == "pending"

    progress.publish(job_id, ImportJob.Status.VALIDATING, 2, 4)
    body = client.get(f"{URL}{job_id}/").json()
    assert (body["status"], body["status_label"], body["percent"]) == (
        "validating",
        "Validando",
        25,
    )


def test_status_and_list_are_scoped_to_the_callers_institutions(world):
    ImportJob.objects.create(
        institution=world.campus_a1, created_by=world.alice, original_name="a1.csv"
    )
    other = ImportJob.objects.create(
        institution=world.campus_b1, created_by=world.charlie, original_name="b1.csv"
    )
    sibling = ImportJob.objects.create(
        institution=world.campus_a2, created_by=world.bob, original_name="a2.csv"
    )
    alice = api(world.alice)

    names = [job["original_name"] for job in alice.get(URL).json()["results"]]

    assert names == ["a1.csv"]
    assert alice.get(f"{URL}{other.pk}/").status_code == 404
    assert alice.get(f"{URL}{sibling.pk}/").status_code == 404
    state_names = {j["original_name"] for j in api(world.state_admin_a).get(URL).json()["results"]}
    assert state_names == {"a1.csv", "a2.csv"}


def test_an_admin_cannot_upload_into_another_campus(world):
    for outsider in (world.bob, world.charlie):
        response = upload(api(outsider), world.campus_a1, ImportRowFactory.build_batch(1))
        assert response.status_code == 400
        assert response.json()["field"] == "institution"
    assert not ImportJob.objects.exists()


def test_people_without_people_management_get_403(world):
    client = api(world.teacher_a1)
    assert client.get(URL).status_code == 403
    response = upload(client, world.campus_a1, ImportRowFactory.build_batch(1))
    assert response.status_code == 403
    assert "importar alumnos" in response.json()["detail"]
    assert not ImportJob.objects.exists()


def test_anonymous_callers_get_401(world):
    assert APIClient().get(URL).status_code == 401
