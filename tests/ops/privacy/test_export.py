"""The personal-data export (access right): a ZIP of JSON and readable files with the
person's own data only, bounded in size, downloaded privately."""

import io
import json
import zipfile

from impulsa.ops.privacy import arco
from tests.factories import make_curp
from tests.learning_builders import build_course, enroll


def _zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_a_student_downloads_their_own_data_as_a_zip(world, login):
    built = build_course(world.designer, institution=world.national, name="Matemáticas")
    enroll(world.alice, world.student_a1, built.course)
    arco.file_request(
        actor=world.student_a1, subject=world.student_a1, right="access", description="x"
    )
    response = login(world.student_a1).get("/privacidad/mis-datos/descargar/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    archive = _zip(response)
    names = archive.namelist()
    assert "datos.json" in names and "LEEME.txt" in names
    assert any(n.endswith(".txt") and "datos-de-identificacion" in n for n in names)
    data = json.loads(archive.read("datos.json"))
    (person,) = data["Datos de identificación"]
    assert person["CURP"] == make_curp(1) and person["Matrícula"] == "2614001"
    assert [c["Curso"] for c in data["Cursos y avance"]] == ["Matemáticas"]
    assert any(
        "ARCO-" in str(row) for row in data["Privacidad: avisos aceptados y solicitudes ARCO"]
    )
    whole = b"".join(archive.read(n) for n in names).decode()
    assert make_curp(2) not in whole and "2614002" not in whole


def test_an_export_past_its_size_bound_is_refused_with_a_message(world, login, settings):
    settings.PRIVACY_EXPORT_MAX_BYTES = 200
    response = login(world.student_a1).get("/privacidad/mis-datos/descargar/")
    assert response.status_code == 400
    assert "no caben en una descarga" in response.text


def test_the_export_is_only_for_the_person_or_for_staff_after_a_granted_access_request(
    world, login
):
    filed = arco.file_request(
        actor=world.student_a1, subject=world.student_a1, right="access", description="x"
    )
    staff = login(world.alice)
    assert staff.get(f"/privacidad/solicitudes/{filed.pk}/datos/").status_code == 404
    assert login(world.bob).get(f"/privacidad/solicitudes/{filed.pk}/datos/").status_code == 404


def test_the_export_reads_the_same_queries_for_one_or_three_courses(world, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(world.student_a1)
    courses = [
        build_course(world.designer, institution=world.national, name=f"Curso {n}")
        for n in range(3)
    ]
    enroll(world.alice, world.student_a1, courses[0].course)
    client.get("/privacidad/mis-datos/descargar/")
    with CaptureQueriesContext(connection) as one:
        client.get("/privacidad/mis-datos/descargar/")
    for built in courses[1:]:
        enroll(world.alice, world.student_a1, built.course)
    client.get("/privacidad/mis-datos/descargar/")
    with CaptureQueriesContext(connection) as three:
        client.get("/privacidad/mis-datos/descargar/")
    assert len(three) == len(one)
