"""A NUL character anywhere in a query string or body is refused with a 400 in Spanish
(JSON under /api/, a page elsewhere) before any view can hand it to PostgreSQL,
which cannot store it in text."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import RequestFactory

from impulsa.core.middleware import NulCharacterMiddleware

MESSAGE = "carácter nulo"


def test_nul_in_an_api_search_is_a_json_400_not_a_500(world, login):
    response = login(world.national_admin).get("/api/v1/institutions/", {"q": "tol\x00uca"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert MESSAGE in response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [
        '{"username": "a\\u0000b", "password": "x"}',  # escaped, as JSON clients send it
        '{"username": "ab", "password": "x", "otp": ["\\u0000"]}',  # nested
        '{"a\\u0000": 1}',  # in a key
    ],
)
def test_nul_in_a_json_body_is_refused(world, client, body):
    response = client.post("/api/v1/auth/token/", body, content_type="application/json")
    assert response.status_code == 400
    assert MESSAGE in response.json()["detail"]


def test_an_escaped_backslash_before_u0000_is_not_a_nul(world, client):
    body = json.dumps({"username": "a\\u0000", "password": "x"})
    response = client.post("/api/v1/auth/token/", body, content_type="application/json")
    assert response.status_code == 400
    assert MESSAGE not in response.json()["detail"]


def test_nul_in_a_form_on_a_page_is_an_html_400(world, client):
    response = client.post("/cuenta/entrar/", {"username": "alice\x00", "password": "x"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert MESSAGE in response.content.decode()


def test_nul_in_a_page_query_string_is_refused(world, login):
    response = login(world.alice).get("/personas/", {"q": "\x00"})
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


def _passes(request) -> bool:
    response = NulCharacterMiddleware(lambda r: HttpResponse("ok"))(request)
    return response.status_code == 200


def test_nul_in_a_multipart_field_is_refused_but_not_in_an_uploaded_file():
    factory = RequestFactory()
    binary = SimpleUploadedFile("alumnos.xlsx", b"PK\x03\x04\x00\x00binario")
    assert _passes(factory.post("/api/v1/imports/", {"institution": "1", "file": binary}))
    binary.seek(0)
    assert not _passes(factory.post("/api/v1/imports/", {"institution": "1\x00", "file": binary}))


def test_nul_in_a_urlencoded_put_body_is_refused():
    factory = RequestFactory()
    form = "application/x-www-form-urlencoded"
    assert not _passes(factory.put("/api/v1/x/", "name=a%00b", content_type=form))
    assert _passes(factory.put("/api/v1/x/", "name=a%2500b", content_type=form))
