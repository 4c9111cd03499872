"""The restore drill: create data, back up, wipe, restore, and find every row and file.

It runs on a copy of the test database (tests/ops/scratch_db.py) with the real
pg_dump and pg_restore, and restores through the operators' command.
"""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from impulsa.core.storage import private_storage
from impulsa.ops.backups import archive, services
from impulsa.ops.backups.models import Backup
from tests.ops.scratch_db import copy_of_test_database, database_url, recreate_empty, row_counts

FILES = {
    "cursos/mat-01/guia-fracciones.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 40,
    "cursos/mat-01/portada.png": b"\x89PNG\r\n\x1a\n" + b"\x00\xff" * 5000,
    "importaciones/alumnos-2026.csv": "matrícula,nombre\n2026001,Ana Pérez\n".encode(),
}


def _checksums(storage) -> dict[str, str]:
    result = {}
    for name in archive.walk(storage):
        with storage.open(name, "rb") as data:
            result[name] = hashlib.sha256(data.read()).hexdigest()
    return result


@pytest.mark.django_db(transaction=True)
def test_restore_drill_brings_back_every_row_and_every_file(world, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    storage = private_storage()
    for name, content in FILES.items():
        storage.save(name, ContentFile(content))
    files_before = _checksums(storage)
    with copy_of_test_database() as source:
        counts_before = row_counts(source)
        backup = services.run_backup(database=source)
        assert backup.status == Backup.Status.OK
        assert backup.files_count == len(FILES)

        recreate_empty(source)
        for name in FILES:
            storage.delete(name)
        assert row_counts(source) == {}
        assert _checksums(storage) == {}

        call_command("restore_backup", backup.name, "--database-url", database_url(source))

        counts_after = row_counts(source)
    assert counts_after == counts_before
    assert counts_before["accounts_user"] >= 6
    assert counts_before["org_institution"] >= 6
    assert _checksums(storage) == files_before
    assert set(files_before) == set(FILES)
