"""Files over IMPORT_BACKGROUND_THRESHOLD rows are imported by Celery.

With REDIS_URL set (as in CI) a real worker consumes the task from Redis; without it
settings make Celery eager and the task runs in-process when the upload commits.
Each path has its own test, skipped (with the reason shown) when the other applies.
"""

import threading
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test import override_settings

from impulsa.accounts.imports import progress
from impulsa.accounts.imports.service import process_import, start_import
from impulsa.accounts.models import ImportJob, User
from impulsa.audit.models import AuditEntry
from impulsa.celery import app
from impulsa.core.storage import private_storage
from impulsa.org.models import Group
from tests.factories import ImportRowFactory, import_csv

WITH_REDIS = bool(settings.REDIS_URL)
# The worker reads the job through its own connection: the data must be committed.
committed_db = pytest.mark.django_db(transaction=True)


def upload(rows):
    return SimpleUploadedFile("alumnos.csv", import_csv(rows), content_type="text/csv")


def wait_until_finished(job_id: int, timeout: float = 60) -> ImportJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = ImportJob.objects.get(pk=job_id)
        if job.is_finished:
            return job
        time.sleep(0.1)
    pytest.fail(f"import {job_id} did not finish in {timeout} s")


@pytest.mark.skipif(not WITH_REDIS, reason="needs REDIS_URL (CI sets it) for a real worker")
@committed_db
@override_settings(IMPORT_BACKGROUND_THRESHOLD=3)
def test_file_over_the_threshold_is_imported_by_a_real_celery_worker(transactional_db, world):
    rows = ImportRowFactory.build_batch(8, grupo="5Z")

    job = start_import(actor=world.alice, institution=world.campus_a1, uploaded_file=upload(rows))

    # Queued, not processed in the request.
    job.refresh_from_db()
    assert (job.status, job.total_rows, job.created_count) == (ImportJob.Status.PENDING, 8, 0)
    assert progress.of(job).label == "En espera"
    assert not User.objects.filter(username=rows[0]["matricula"]).exists()

    try:
        with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=30):
            finished = wait_until_finished(job.pk)
    finally:
        # The worker thread's database connection must not outlive the test database.
        connections.close_all()

    assert finished.status == ImportJob.Status.DONE, finished.errors
    assert (finished.created_count, finished.updated_count) == (8, 0)
    assert finished.file.name == ""
    assert User.objects.filter(username__in=[r["matricula"] for r in rows]).count() == 8
    # The worker ran as the uploader: the group it created is attributed to her.
    group = Group.objects.get(name="5Z", campus=world.campus_a1)
    entry = AuditEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Group), object_pk=str(group.pk)
    )
    assert entry.actor == world.alice


def _import_thread(job_id: int) -> threading.Thread:
    return next(t for t in threading.enumerate() if t.name == f"import-{job_id}")


@committed_db
@override_settings(IMPORT_BACKGROUND_THRESHOLD=3)
def test_file_over_the_threshold_runs_in_a_thread_when_celery_is_eager(
    transactional_db, world, monkeypatch
):
    # Without REDIS_URL the settings make Celery eager; do the same here whatever the
    # machine has, so this path is tested everywhere. The upload returns at once.
    monkeypatch.setitem(app.conf, "task_always_eager", True)
    rows = ImportRowFactory.build_batch(8)
    job = start_import(actor=world.alice, institution=world.campus_a1, uploaded_file=upload(rows))
    _import_thread(job.pk).join()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.errors
    assert job.created_count == 8


DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "impulsa_cache",
    }
}


@committed_db
@override_settings(IMPORT_BACKGROUND_THRESHOLD=3, CACHES=DATABASE_CACHE)
def test_without_redis_the_progress_page_shows_a_running_import(
    transactional_db, world, login, monkeypatch
):
    """The demo's set-up (eager Celery, database cache): the job's page polls and shows
    the phase and counter published by the thread, while the job's transaction is open."""
    monkeypatch.setitem(app.conf, "task_always_eager", True)
    halfway, go_on = threading.Event(), threading.Event()
    publish = progress.publish

    def publish_then_pause(job_id, status, done, total):
        publish(job_id, status, done, total)
        if status == ImportJob.Status.VALIDATING and done == total:
            halfway.set()
            go_on.wait(60)

    monkeypatch.setattr(progress, "publish", publish_then_pause)
    client = login(world.alice)
    response = client.post(
        "/importaciones/nueva/",
        {"institution": world.campus_a1.pk, "file": upload(ImportRowFactory.build_batch(8))},
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    try:
        assert halfway.wait(60), "the import thread never reached the end of validation"
        page = client.get(f"/importaciones/{job.pk}/progreso/").content.decode()
        assert "Revisando la fila 8 de 8." in page
        assert 'aria-valuenow="50"' in page
        assert 'hx-trigger="every 1s"' in page
        assert ImportJob.objects.get().status == ImportJob.Status.PENDING  # not committed yet
    finally:
        go_on.set()
        _import_thread(job.pk).join()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE, job.errors
    assert (
        "Importación terminada" in client.get(f"/importaciones/{job.pk}/progreso/").content.decode()
    )


@override_settings(IMPORT_BACKGROUND_THRESHOLD=3)
def test_files_up_to_the_threshold_are_processed_in_the_request(db, world):
    job = start_import(
        actor=world.alice,
        institution=world.campus_a1,
        uploaded_file=upload(ImportRowFactory.build_batch(3)),
    )
    assert job.status == ImportJob.Status.DONE


@override_settings(IMPORT_BACKGROUND_THRESHOLD=3)
def test_a_redelivered_task_leaves_a_finished_job_alone(db, world):
    job = start_import(
        actor=world.alice,
        institution=world.campus_a1,
        uploaded_file=upload(ImportRowFactory.build_batch(5)),
    )
    assert job.status == ImportJob.Status.PENDING  # enqueued after commit; none here
    first = process_import(job_id=job.pk)
    users = User.objects.count()
    again = process_import(job_id=job.pk)
    assert first.status == again.status == ImportJob.Status.DONE
    assert again.created_count == 5
    assert User.objects.count() == users


@override_settings(IMPORT_BACKGROUND_THRESHOLD=3)
def test_a_job_whose_uploader_lost_the_role_fails_without_writing(db, world):
    job = start_import(
        actor=world.alice,
        institution=world.campus_a1,
        uploaded_file=upload(ImportRowFactory.build_batch(5)),
    )
    world.alice.memberships.all().delete()
    users = User.objects.count()

    finished = process_import(job_id=job.pk)

    assert finished.status == ImportJob.Status.INVALID
    assert "ya no tiene permiso" in finished.errors[0]["message"]
    assert User.objects.count() == users


def test_progress_is_published_per_phase_and_reaches_one_hundred(db, world):
    job = ImportJob.objects.create(
        institution=world.campus_a1, created_by=world.alice, original_name="a.csv", total_rows=10
    )
    reporter = progress.Reporter(job.pk, 10, every=4)
    assert progress.of(job).percent == 0

    reporter.start(ImportJob.Status.VALIDATING)
    for done in range(1, 11):
        reporter.step(ImportJob.Status.VALIDATING, done)
        if done == 8:
            state = progress.of(job)
            assert (state.status, state.done, state.percent) == ("validating", 8, 40)
    assert progress.of(job).percent == 50
    reporter.start(ImportJob.Status.IMPORTING)
    reporter.step(ImportJob.Status.IMPORTING, 5)
    assert (progress.of(job).percent, str(progress.of(job).label)) == (75, "Importando")

    job.status = ImportJob.Status.DONE
    assert progress.of(job).percent == 100


@override_settings(IMPORT_BACKGROUND_THRESHOLD=3)
def test_a_queued_job_whose_file_vanished_ends_invalid_without_writing(db, world):
    job = start_import(
        actor=world.alice,
        institution=world.campus_a1,
        uploaded_file=upload(ImportRowFactory.build_batch(5)),
    )
    private_storage().delete(job.file.name)
    users = User.objects.count()

    finished = process_import(job_id=job.pk)

    assert finished.status == ImportJob.Status.INVALID
    assert finished.errors == [
        {
            "line": None,
            "column": "",
            "message": "El archivo de esta importación ya no está disponible.",
        }
    ]
    assert User.objects.count() == users
