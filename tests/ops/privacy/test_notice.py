"""The privacy notice: versions published by the national office, accepted once per
version at the next page, cheaply."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from impulsa.core.errors import AccessDenied
from impulsa.ops.privacy.models import NoticeAcceptance
from impulsa.ops.privacy.notices import current_notice, publish_notice
from tests.ops.privacy.builders import publish


def test_each_publication_is_a_new_version_and_becomes_current(world):
    first = publish(world)
    second = publish(world, changes="Se agregan las transferencias del modelo dual.")
    assert (first.version, second.version) == (1, 2)
    assert current_notice() == second


def test_only_the_national_office_publishes_the_notice(world):
    with pytest.raises(AccessDenied):
        publish_notice(actor=world.alice, simplified_text="a", full_text="b")


def test_anyone_reads_the_notice_without_signing_in(world, client):
    publish(world)
    response = client.get("/privacidad/aviso/")
    assert response.status_code == 200
    assert "Aviso de privacidad integral" in response.text
    assert "Derechos ARCO" in response.text


def test_a_signed_in_person_accepts_the_notice_before_any_page(world, login):
    publish(world)
    client = login(world.student_a1)
    response = client.get("/aprender/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/privacidad/aviso/aceptar/")
    refused = client.post("/privacidad/aviso/aceptar/", {"next": "/aprender/"})
    assert refused.status_code == 200  # the box was not ticked
    accepted = client.post("/privacidad/aviso/aceptar/", {"next": "/aprender/", "read": "on"})
    assert accepted.headers["Location"] == "/aprender/"
    assert NoticeAcceptance.objects.filter(user=world.student_a1, notice__version=1).exists()
    assert client.get("/aprender/").status_code == 200


def test_a_new_version_is_asked_again_at_the_next_page(world, login):
    publish(world)
    client = login(world.student_a1)
    client.post("/privacidad/aviso/aceptar/", {"next": "/", "read": "on"})
    assert client.get("/aprender/").status_code == 200
    publish(world, changes="Nueva finalidad estadística.")
    response = client.get("/aprender/")
    assert response.headers["Location"].startswith("/privacidad/aviso/aceptar/")
    assert "Nueva finalidad estadística." in client.get(response.headers["Location"]).text


def test_an_accepted_session_reads_no_privacy_table_on_later_pages(world, login):
    publish(world)
    client = login(world.student_a1)
    client.post("/privacidad/aviso/aceptar/", {"next": "/", "read": "on"})
    client.get("/aprender/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/aprender/").status_code == 200
    assert not [q["sql"] for q in queries if "ops_" in q["sql"]]


def test_a_person_signed_in_elsewhere_who_accepted_is_not_asked_again(world, client, login):
    publish(world)
    login(world.student_a1).post("/privacidad/aviso/aceptar/", {"next": "/", "read": "on"})
    client.logout()
    again = login(world.student_a1)
    assert again.get("/aprender/").status_code == 200


def test_someone_who_has_not_accepted_can_still_exercise_their_rights(world, login):
    publish(world)
    client = login(world.student_a1)
    assert client.get("/privacidad/mis-datos/").status_code == 200
    response = client.post(
        "/privacidad/mis-datos/solicitar/",
        {"right": "opposition", "description": "No acepto el uso estadístico."},
    )
    assert response.status_code == 302
    assert not NoticeAcceptance.objects.filter(user=world.student_a1).exists()
