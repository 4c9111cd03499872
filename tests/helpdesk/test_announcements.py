"""Announcements: maintenance needs 5 days' notice (refused in Spanish otherwise),
shows as a banner on every page to every user of the affected institutions and
nobody else, and is e-mailed to each of them by Celery; general notices reach the
chosen roles. The banner list is one cache read per page and follows a publication
at once (the cache key is dropped on commit)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from impulsa.celery import app as celery_app
from impulsa.core.errors import AccessDenied, DomainError
from impulsa.helpdesk.announcements import banners
from impulsa.helpdesk.announcements import services as announcements
from impulsa.helpdesk.models import Announcement
from tests.helpdesk.builders import maintenance

pytestmark = pytest.mark.django_db


def test_maintenance_three_days_ahead_is_refused_and_nothing_is_written(world):
    with pytest.raises(DomainError, match="al menos 5 días de anticipación"):
        maintenance(world.state_admin_a, world.state_a, days=3)
    assert not Announcement.objects.exists()


def test_window_must_end_after_it_starts_and_last_at_most_three_days(world):
    starts = timezone.now() + datetime.timedelta(days=7)
    for ends, message in ((starts, "después del inicio"),
                          (starts + datetime.timedelta(days=4), "72 horas")):  # fmt: skip
        with pytest.raises(DomainError, match=message):
            announcements.publish_maintenance(
                actor=world.state_admin_a, institution=world.state_a, title="Corte",
                body="Sin servicio", starts_at=starts, ends_at=ends,
            )  # fmt: skip


def test_only_administrators_of_the_institution_announce(world):
    with pytest.raises(AccessDenied):
        maintenance(world.alice, world.state_a)
    with pytest.raises(AccessDenied):
        maintenance(world.teacher_a1, world.campus_a1)


def test_every_user_of_the_state_sees_the_banner_and_other_states_do_not(
    login, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        maintenance(world.state_admin_a, world.state_a, title="Migración de servidores")
    for user in (world.student_a1, world.student_a2, world.teacher_a1, world.bob):
        page = login(user).get(reverse("home")).content.decode()
        assert "Migración de servidores" in page, user.username
    for user in (world.student_b1, world.charlie):
        assert "Migración de servidores" not in login(user).get(reverse("home")).content.decode()


def test_maintenance_is_mailed_to_each_person_of_the_affected_institutions(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    with django_capture_on_commit_callbacks(execute=True):
        notice = maintenance(world.alice, world.campus_a1, title="Corte de luz en el plantel")
    sent = {address for m in mail.outbox for address in m.to}
    assert sent == {world.alice.email, world.teacher_a1.email, world.student_a1.email}
    assert all("Del " in m.body for m in mail.outbox)
    notice.refresh_from_db()
    assert notice.emailed_count == 3


def test_a_general_notice_reaches_only_the_chosen_roles(world):
    announcements.publish_announcement(
        actor=world.state_admin_a, institution=world.state_a, title="Inscripciones abiertas",
        body="Del 5 al 9 de enero.", roles=["student"],
        visible_until=timezone.now() + datetime.timedelta(days=10),
    )  # fmt: skip
    banners.forget()
    assert [b.title for b in banners.for_user(world.student_a2)] == ["Inscripciones abiertas"]
    assert banners.for_user(world.teacher_a1) == []
    assert banners.for_user(world.student_b1) == []


def test_a_publication_shows_at_once_and_pages_read_the_banners_from_the_cache(
    login, world, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    client = login(world.student_a1)
    client.get(reverse("home"))  # warms the banner list (empty)
    with django_assert_max_num_queries(30) as warm:
        client.get(reverse("home"))
    warm_count = len(warm)  # read now: the next request resets the connection's log
    with django_capture_on_commit_callbacks(execute=True):
        maintenance(world.state_admin_a, world.state_a, title="Nueva versión")
    assert "Nueva versión" in client.get(reverse("home")).content.decode()
    with django_assert_max_num_queries(warm_count):
        assert "Nueva versión" in client.get(reverse("home")).content.decode()


def test_the_form_shows_the_refusal_beside_the_start(login, world):
    client = login(world.state_admin_a)
    starts = timezone.localtime() + datetime.timedelta(days=3)
    response = client.post(
        reverse("helpdesk:maintenance_new"),
        {"institution": world.state_a.pk, "title": "Actualización", "body": "Sin servicio",
         "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
         "ends_at": (starts + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")},
    )  # fmt: skip
    assert response.status_code == 400
    assert "al menos 5 días de anticipación" in response.content.decode()
    assert not Announcement.objects.exists()
