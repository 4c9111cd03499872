"""Object storage against a real S3-compatible server (moto's, its own process): course
files go to the private prefix of the bucket and reach students by a presigned URL,
never through Python; backups go to their own bucket, restore from it and rotate."""

import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from impulsa.core.storage import private_storage
from impulsa.learning.content import services as content_services
from impulsa.learning.publishing import services as publishing
from impulsa.ops.backups import sealing, services
from impulsa.ops.backups.models import Backup
from tests.learning_builders import build_course, enroll
from tests.ops.scratch_db import copy_of_test_database, database_url

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n" + b"x" * 2000 + b"\n%%EOF\n"


@pytest.fixture
def bucket(s3_server, settings):
    name = s3_server.new_bucket()
    settings.STORAGE_BACKEND = "s3"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": s3_server.storage(name, "private"),
        "backups": s3_server.storage(name, "backups", file_overwrite=False),
    }
    return name


def test_a_course_file_lives_in_the_bucket_and_is_downloaded_by_presigned_url(
    world, login, bucket, s3_server
):
    built = build_course(world.designer, institution=world.national, publish=False)
    attachment = content_services.add_attachment(
        actor=world.designer,
        activity=built.content,
        title="Guía de estudio",
        upload=SimpleUploadedFile("Guía de estudio.pdf", PDF, content_type="text/html"),
    )
    publishing.publish(actor=world.designer, course=built.course)
    built.course.refresh_from_db()
    enroll(world.alice, world.student_a1, built.course)
    assert s3_server.keys(bucket) == [f"private/{attachment.file.name}"]

    response = login(world.student_a1).get(
        reverse("player:attachment", kwargs={"attachment_id": attachment.pk})
    )

    assert response.status_code == 302
    assert response.content == b""  # the bytes never pass through the application
    location = response["Location"]
    assert location.startswith(f"{s3_server.endpoint}/{bucket}/private/")
    with urllib.request.urlopen(location) as download:  # noqa: S310 - the test's own server
        assert download.read() == PDF
        assert download.headers["Content-Type"] == "application/pdf"
        assert download.headers["Content-Disposition"].startswith("attachment;")
    unsigned = location.split("?", 1)[0]
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(unsigned)  # noqa: S310
    assert refused.value.code == 403


@pytest.mark.django_db(transaction=True)
def test_backups_go_to_the_bucket_restore_from_it_and_rotate(world, bucket, s3_server, settings):
    private_storage().save("cursos/guia.pdf", SimpleUploadedFile("guia.pdf", PDF))
    old = services.run_backup(now=timezone.now() - timezone.timedelta(days=8))
    new = services.run_backup()
    keys = s3_server.keys(bucket)
    assert f"backups/{old.name}" in keys and f"backups/{new.name}" in keys
    sealed = s3_server.client().get_object(Bucket=bucket, Key=f"backups/{new.name}")
    assert sealed["Body"].read(len(sealing.MAGIC)) == sealing.MAGIC

    private_storage().delete("cursos/guia.pdf")
    with copy_of_test_database() as scratch:
        call_command("restore_backup", new.name, "--database-url", database_url(scratch))
    with private_storage().open("cursos/guia.pdf", "rb") as restored:
        assert restored.read() == PDF
    assert Backup.objects.filter(name=new.name).exists()

    assert services.prune_backups() == 1
    assert f"backups/{old.name}" not in s3_server.keys(bucket)
    assert f"backups/{new.name}" in s3_server.keys(bucket)
