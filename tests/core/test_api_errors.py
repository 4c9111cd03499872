"""Everything under /api/ answers JSON with the documented error body, whatever went
wrong (unknown route, non-numeric id, invalid data, server error), and the schema
documents those answers."""

import pytest
from django.test import RequestFactory
from rest_framework.test import APIClient

from impulsa.core import views

ERROR_KEYS = {"detail", "field", "errors"}


@pytest.fixture
def api(world):
    client = APIClient()
    client.force_authenticate(world.national_admin)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/institutions/abc/",
        "/api/v1/careers/%C2%84/",
        "/api/v1/groups/x/",
        "/api/v1/periods/1.5/",
        "/api/v1/enrollments/x/statements/",
        "/api/v1/no-existe/",
    ],
)
def test_unknown_api_routes_answer_json_404(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_pages_keep_their_html_404(world, login):
    response = login(world.alice).get("/no-existe/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_server_errors_under_the_api_are_json():
    request = RequestFactory().get("/api/v1/users/")
    response = views.server_error(request)
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    page = views.server_error(RequestFactory().get("/personas/"))
    assert page.status_code == 500
    assert page["Content-Type"].startswith("text/html")


def test_invalid_data_answers_the_documented_error_body(world):
    response = APIClient().post("/api/v1/auth/token/", {"username": "alguien"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body) <= ERROR_KEYS
    assert body["field"] == "password"
    assert body["detail"] == body["errors"]["password"][0]


def test_a_non_field_error_has_no_field(api):
    response = api.post("/api/v1/memberships/", ["no", "es", "objeto"], format="json")
    assert response.status_code == 400
    body = response.json()
    assert "field" not in body
    assert body["detail"]


@pytest.fixture
def schema(world):
    response = APIClient().get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_every_operation_documents_its_refusals(schema):
    error_ref = "#/components/schemas/Error"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert {"400", "429"} <= set(responses), (method, path)
            if operation.get("security") and {} not in operation["security"]:
                assert {"401", "403"} <= set(responses), (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)
            if method in {"post", "put", "patch", "delete"}:
                assert "409" in responses, (method, path)
            body = responses["400"]["content"]["application/json"]["schema"]
            assert body == {"$ref": error_ref}, (method, path)
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]


def test_the_schema_says_what_may_be_null_or_blank(schema):
    components = schema["components"]["schemas"]
    assert components["Course"]["properties"]["published_version"]["nullable"] is True
    email = components["User"]["properties"]["email"]
    assert {"type": "string", "maxLength": 0} in email["oneOf"]
