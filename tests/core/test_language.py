"""Spanish (es-MX) by default, English on request."""

import datetime

from django.conf import settings
from django.contrib.auth.forms import PasswordChangeForm
from django.utils import formats, translation
from rest_framework import exceptions, serializers

from impulsa.accounts.models import User
from tests.factories import PASSWORD, UserFactory


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


# --- Third-party Spanish: months in lower case, "tú", no typos (issue 7) ---------------

USTED = (
    "Su contraseña",
    "su contraseña",
    "Introduzca",
    "introduzca",
    "Usted",
    "usted",
    "Por favor",
)


def test_months_and_weekdays_are_written_in_lower_case():
    with translation.override("es-mx"):
        assert formats.date_format(datetime.date(2026, 8, 24)) == "24 de agosto de 2026"
        assert formats.date_format(datetime.date(2026, 8, 24), "l j \\d\\e F") == (
            "lunes 24 de agosto"
        )
        assert formats.date_format(datetime.date(2026, 9, 1), "N") == "sep."


def test_password_change_page_speaks_to_tu(client, db):
    user = UserFactory(username="tuteo")
    client.force_login(user)
    page = client.get("/cuenta/contrasena/").content.decode()
    assert "Contraseña actual" in page
    assert "Confirma la contraseña nueva" in page
    assert "Tu contraseña no puede parecerse a tus datos personales." in page
    for word in USTED:
        assert word not in page, word

    wrong = client.post(
        "/cuenta/contrasena/",
        {"old_password": "otra", "new_password1": "x", "new_password2": "y"},
    ).content.decode()
    assert "Tu contraseña actual no es correcta. Escríbela de nuevo." in wrong
    assert "Las dos contraseñas no coinciden." in wrong
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)


def test_password_validators_speak_to_tu(db):
    user = UserFactory(username="validado")
    with translation.override("es-mx"):
        form = PasswordChangeForm(
            user,
            {"old_password": PASSWORD, "new_password1": "12345", "new_password2": "12345"},
        )
        assert not form.is_valid()
        errors = " ".join(form.errors["new_password2"])
    assert "Esta contraseña es totalmente numérica." in errors
    for word in USTED:
        assert word not in errors


def test_rest_framework_spanish_does_not_override_ours():
    """DRF's es catalog outranks Django's (it is an installed app) and reads "vació"
    and "usted"; our locale/es overrides both."""
    with translation.override("es-mx"):
        assert str(serializers.FileField.default_error_messages["empty"]) == (
            "El archivo enviado está vacío."
        )
        assert str(exceptions.PermissionDenied.default_detail) == (
            "No tienes permiso para hacer esto."
        )
        assert str(serializers.IntegerField.default_error_messages["invalid"]) == (
            "Escribe un número entero válido."
        )
