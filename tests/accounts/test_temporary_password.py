"""A temporary password works once: the person must choose their own before anything
else. And the public "forgot my password" link also reaches accounts that never had one
(imported students)."""

import re

from django.core import mail

from impulsa.accounts import services
from impulsa.accounts.models import User


def _sign_in(client, user, password):
    return client.post("/cuenta/entrar/", {"username": user.username, "password": password})


def test_a_temporary_password_must_be_replaced_before_anything_else(world, client):
    password = services.set_temporary_password(actor=world.alice, user=world.teacher_a1)
    world.teacher_a1.refresh_from_db()
    assert world.teacher_a1.must_change_password

    assert _sign_in(client, world.teacher_a1, password).status_code == 302
    response = client.get("/personas/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/cuenta/contrasena/?next=%2Fpersonas%2F"
    assert client.get("/api/v1/me/").status_code == 403
    page = client.get("/cuenta/contrasena/?next=/personas/")
    assert "contraseña temporal" in page.content.decode()

    response = client.post(
        "/cuenta/contrasena/",
        {
            "old_password": password,
            "new_password1": "Mi-Clave-Propia-2026",
            "new_password2": "Mi-Clave-Propia-2026",
            "next": "/personas/",
        },
    )

    assert response.status_code == 302
    assert response.headers["Location"] == "/personas/"
    world.teacher_a1.refresh_from_db()
    assert not world.teacher_a1.must_change_password
    assert client.get("/personas/").status_code == 200


def test_the_password_change_page_refuses_to_send_people_off_site(world, client):
    password = services.set_temporary_password(actor=world.alice, user=world.teacher_a1)
    _sign_in(client, world.teacher_a1, password)
    response = client.post(
        "/cuenta/contrasena/",
        {
            "old_password": password,
            "new_password1": "Mi-Clave-Propia-2026",
            "new_password2": "Mi-Clave-Propia-2026",
            "next": "https://example.com/robo",
        },
    )
    assert response.headers["Location"] == "/cuenta/perfil/"


def test_forgot_password_reaches_a_student_who_never_had_a_password(world, client):
    student = world.student_a2
    student.set_unusable_password()
    student.email = "ximena@example.mx"
    student.save()

    client.post("/cuenta/recuperar/", {"email": "XIMENA@example.mx"})

    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/cuenta/recuperar/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Primera-Clave-2026", "new_password2": "Primera-Clave-2026"},
    )
    assert response.status_code == 302
    assert User.objects.get(pk=student.pk).check_password("Primera-Clave-2026")


def test_forgot_password_ignores_deactivated_accounts(world, client):
    world.student_a2.email = "baja@example.mx"
    world.student_a2.is_active = False
    world.student_a2.save()

    client.post("/cuenta/recuperar/", {"email": "baja@example.mx"})

    assert mail.outbox == []
