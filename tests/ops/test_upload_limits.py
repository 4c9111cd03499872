"""A body larger than any accepted upload is refused before it is read, in Spanish."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.learning_builders import build_course


@pytest.fixture
def small_limit(settings):
    settings.MAX_REQUEST_BYTES = 50_000


def test_an_upload_over_the_limit_gets_a_spanish_page_and_nothing_is_stored(
    world, login, small_limit
):
    built = build_course(world.designer, institution=world.national, publish=False)
    url = reverse("authoring:attachment_add", kwargs={"activity_id": built.content.pk})
    big = SimpleUploadedFile("guia.pdf", b"%PDF-1.4\n" + b"x" * 60_000)

    response = login(world.designer).post(url, {"file-title": "Guía", "file-file": big})

    assert response.status_code == 413
    text = response.content.decode()
    assert "El archivo es demasiado grande" in text
    assert "el máximo es 48.8" in text
    assert not built.content.attachments.exists()


def test_the_api_answers_413_as_json(world, client, small_limit):
    response = client.post(
        "/api/v1/schema/", data=b"{" + b" " * 60_000 + b"}", content_type="application/json"
    )
    assert response.status_code == 413
    assert "el máximo es" in response.json()["detail"]


def test_a_body_under_the_limit_reaches_the_view(world, login, small_limit):
    built = build_course(world.designer, institution=world.national, publish=False)
    url = reverse("authoring:attachment_add", kwargs={"activity_id": built.content.pk})
    pdf = SimpleUploadedFile("guia.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n")

    response = login(world.designer).post(url, {"file-title": "Guía", "file-file": pdf})

    assert response.status_code in (200, 302)
    assert built.content.attachments.count() == 1
