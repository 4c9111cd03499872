"""The operators' page: national admins only, behind two factors, its cost flat."""

import pytest
from django.utils import timezone

from impulsa.ops.backups.models import Backup

URL = "/operacion/"


def _backups(count: int, *, failed_last=False, first_day=0):
    now = timezone.now()
    for day in range(first_day, first_day + count):
        started = now - timezone.timedelta(days=day, minutes=5)
        Backup.objects.create(
            name=f"impulsa-{day}.impbak", status=Backup.Status.OK, started_at=started,
            finished_at=started + timezone.timedelta(seconds=40), size_bytes=1_000_000 + day,
            files_count=12,
        )  # fmt: skip
    if failed_last:
        Backup.objects.create(
            name="impulsa-fallo.impbak", status=Backup.Status.FAILED, started_at=now,
            finished_at=now, error="PostgresToolError: pg_dump falló: conexión rechazada",
        )  # fmt: skip


def test_a_national_admin_sees_backups_queues_and_tasks(world, login):
    _backups(3, failed_last=True)
    response = login(world.national_admin).get(URL)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Último respaldo completo" in text
    assert "impulsa-fallo.impbak" in text and "pg_dump falló" in text
    assert "Colas de tareas" in text and "Tareas de Celery" in text
    assert "<svg" in text
    assert "más de 36 horas" not in text


def test_a_stale_backup_is_flagged(world, login):
    old = timezone.now() - timezone.timedelta(days=2)
    Backup.objects.create(
        name="viejo.impbak", status=Backup.Status.OK, started_at=old, finished_at=old
    )
    text = login(world.national_admin).get(URL).content.decode()
    assert "más de 36 horas" in text


@pytest.mark.parametrize("who", ["alice", "state_admin_a", "teacher_a1", "student_a1", "designer"])
def test_nobody_but_a_national_admin_opens_it(world, login, who):
    response = login(getattr(world, who)).get(URL)
    assert response.status_code in (403, 404)
    assert "Último respaldo" not in response.content.decode()


def test_a_national_admin_without_the_second_factor_is_sent_to_it(world, client):
    client.force_login(world.national_admin)
    response = client.get(URL)
    assert response.status_code == 302
    assert "/cuenta/" in response["Location"]


def test_the_navigation_offers_it_only_to_national_admins(world, login):
    assert 'href="/operacion/"' in login(world.national_admin).get("/").content.decode()
    assert 'href="/operacion/"' not in login(world.state_admin_a).get("/").content.decode()


def test_the_page_costs_the_same_queries_for_one_backup_as_for_fourteen(
    world, login, django_assert_max_num_queries
):
    client = login(world.national_admin)
    _backups(1)
    client.get(URL)
    with django_assert_max_num_queries(8) as one:
        client.get(URL)
    _backups(13, first_day=1)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(URL)


def test_a_national_admins_home_says_whether_the_backup_ran(world, login):
    text = login(world.national_admin).get("/").content.decode()
    assert "Todavía no hay ningún respaldo completo." in text
    assert "más de 36 horas" in text
    _backups(1)
    text = login(world.national_admin).get("/").content.decode()
    assert "Último respaldo completo hace" in text
    assert "Operación de la plataforma" not in login(world.alice).get("/").content.decode()
