"""Spanish (es-MX) by default, English on request."""

from django.conf import settings


def test_pages_speak_spanish_by_default(client, db):
    page = client.get("/cuenta/entrar/").content.decode()
    assert '<html lang="es-MX">' in page
    assert "Usuario o matrícula" in page


def test_a_visitor_can_switch_to_english_and_back(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/cuenta/entrar/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    page = client.get("/cuenta/entrar/").content.decode()
    assert '<html lang="en">' in page
    assert "Username or student ID" in page

    client.post("/i18n/setlang/", {"language": "es-mx", "next": "/"})
    assert "Usuario o matrícula" in client.get("/cuenta/entrar/").content.decode()


def test_a_browser_set_to_english_still_gets_spanish_until_english_is_chosen(client, db):
    page = client.get("/cuenta/entrar/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Usuario o matrícula" in page.content.decode()
    assert page.headers["Content-Language"] == "es-mx"
