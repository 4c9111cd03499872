"""The ARCO pages: «Mis datos personales» for the person, the queue and each request's
steps for staff in their scope."""

import pytest

from impulsa.ops.privacy import arco
from impulsa.ops.privacy.models import ArcoRequest, ArcoStatus


def test_a_student_files_a_request_from_mis_datos_personales(world, login):
    client = login(world.student_a1)
    page = client.get("/privacidad/mis-datos/")
    assert page.status_code == 200
    assert "Presentar una solicitud ARCO" in page.text
    bad = client.post("/privacidad/mis-datos/solicitar/", {"right": "access", "description": ""})
    assert bad.status_code == 400
    response = client.post(
        "/privacidad/mis-datos/solicitar/",
        {"right": "rectification", "description": "Mi nombre lleva acento: Martín."},
    )
    assert response.status_code == 302
    filed = ArcoRequest.objects.get(subject=world.student_a1)
    assert filed.folio in client.get("/privacidad/mis-datos/").text


def test_staff_walk_a_request_through_its_steps(world, login):
    filed = arco.file_request(
        actor=world.student_a1, subject=world.student_a1, right="access", description="Copia."
    )
    client = login(world.alice)
    assert filed.folio in client.get("/privacidad/solicitudes/").text
    url = f"/privacidad/solicitudes/{filed.pk}/"
    assert client.get(url).status_code == 200
    refused = client.post(url + "identidad/", {"document": "ine"})
    assert refused.status_code == 400
    assert "menor de edad" in refused.text
    assert client.post(url + "identidad/", {"document": "guardian"}).status_code == 302
    assert client.post(url + "ampliar/", {"reason": "Expediente en archivo."}).status_code == 302
    response = client.post(url + "responder/", {"granted": "1", "response": "Te entregamos."})
    assert response.status_code == 302
    download = client.get(url + "datos/")
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"].startswith("attachment;")
    assert client.post(url + "hacer-efectiva/").status_code == 302
    filed.refresh_from_db()
    assert filed.status == ArcoStatus.COMPLETED and filed.extended


def test_staff_register_a_guardian_s_request_by_matricula(world, login):
    client = login(world.alice)
    response = client.post(
        "/privacidad/solicitudes/nueva/",
        {"person": "2614001", "filer": "guardian", "representative_name": "Rosa Pérez",
         "right": "opposition", "description": "No usar sus datos para estadísticas."},
    )  # fmt: skip
    assert response.status_code == 302
    assert ArcoRequest.objects.get(subject=world.student_a1).filer == "guardian"
    other = client.post(
        "/privacidad/solicitudes/nueva/",
        {"person": "2614002", "filer": "subject", "right": "access", "description": "x"},
    )
    assert "No encontramos a esa persona" in other.text


@pytest.mark.parametrize("who", ["bob", "charlie", "teacher_a1", "student_a2"])
def test_others_cannot_open_the_request(world, login, who):
    filed = arco.file_request(
        actor=world.student_a1, subject=world.student_a1, right="access", description="x"
    )
    client = login(getattr(world, who))
    assert client.get(f"/privacidad/solicitudes/{filed.pk}/").status_code in (403, 404)
    assert client.post(f"/privacidad/solicitudes/{filed.pk}/identidad/",
                       {"document": "guardian"}).status_code in (403, 404)  # fmt: skip


def test_the_request_queue_reads_a_bounded_number_of_queries(
    world, login, django_assert_max_num_queries
):
    from tests.factories import MembershipFactory, StudentProfileFactory, UserFactory

    for n in range(12):
        person = UserFactory(username=f"alumno{n}")
        MembershipFactory(user=person, institution=world.campus_a1, role="student")
        StudentProfileFactory(user=person, campus=world.campus_a1, career=world.career_a1,
                              group=world.group_a1, matricula=f"26140{n:02d}9")  # fmt: skip
        arco.file_request(actor=person, subject=person, right="access", description="x")
    client = login(world.alice)
    client.get("/privacidad/solicitudes/")
    with django_assert_max_num_queries(12):
        assert client.get("/privacidad/solicitudes/").status_code == 200
