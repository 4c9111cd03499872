"""Backups: make one (database and private files, sealed), prune old ones, restore.

Archives go to STORAGES["backups"]: a local folder by default, a bucket of an
S3-compatible store in production (settings.py). A row per run (Backup) says what
was written and when; the operators' page and the metrics read the newest complete
one, and the alert on backup age fires when it is older than a day and a half.
"""

import hashlib
import logging
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.core.errors import DomainError
from impulsa.core.storage import private_storage
from impulsa.ops.backups import archive, postgres
from impulsa.ops.backups.models import Backup
from impulsa.ops.backups.sealing import SealError

log = logging.getLogger(__name__)


def backup_storage():
    return storages["backups"]


def _database_settings() -> dict:
    return connection.settings_dict


def run_backup(*, now: datetime | None = None, database: dict | None = None, files=None) -> Backup:
    """Write a new sealed archive of the database and the private files.

    The row is committed as RUNNING first, so a run that dies leaves a trace; it ends
    OK or FAILED (the error's class and the tool's message, never row data)."""
    started = now or timezone.now()
    name = f"impulsa-{started:%Y%m%dT%H%M%S}Z.impbak"
    with transaction.atomic():
        backup = Backup.objects.create(name=name, status=Backup.Status.RUNNING, started_at=started)
    try:
        with tempfile.TemporaryFile(prefix="impulsa-backup-") as sealed:
            contents = archive.write(
                sealed,
                database=database or _database_settings(),
                storage=files if files is not None else _files_to_archive(),
                created_at=started.isoformat(),
            )
            size, digest = _size_and_digest(sealed)
            backup_storage().save(name, File(sealed, name=name))
    except (OSError, postgres.PostgresToolError, SealError) as exc:
        with transaction.atomic():
            Backup.objects.filter(pk=backup.pk).update(
                status=Backup.Status.FAILED,
                finished_at=timezone.now(),
                error=f"{exc.__class__.__name__}: {exc}"[:2000],
            )
        log.error("backup_failed name=%s error=%s", name, exc.__class__.__name__)
        raise
    with transaction.atomic():
        backup.status = Backup.Status.OK
        backup.finished_at = timezone.now()
        backup.size_bytes, backup.sha256 = size, digest
        backup.database_bytes = contents.database_bytes
        backup.files_count, backup.files_bytes = len(contents.files), contents.files_bytes
        backup.save()
    log.info(
        "backup_done name=%s bytes=%d files=%d seconds=%.1f",
        name,
        size,
        backup.files_count,
        backup.duration_seconds,
    )
    return backup


def _files_to_archive():
    """Private storage, unless the bucket's own versioning protects it (README)."""
    return private_storage() if settings.BACKUP_INCLUDE_FILES else None


def _size_and_digest(sealed) -> tuple[int, str]:
    sealed.seek(0)
    digest = hashlib.sha256()
    size = 0
    while chunk := sealed.read(1024 * 1024):
        digest.update(chunk)
        size += len(chunk)
    sealed.seek(0)
    return size, digest.hexdigest()


def prune_backups(*, now: datetime | None = None) -> int:
    """Delete the archives older than BACKUP_RETENTION_DAYS, never the newest complete
    one (a week of failed runs must not leave nothing to restore). The hour's margin
    lets today's run drop the one of seven days ago even if that one started a few
    minutes later in its day: seven archives are kept, not eight."""
    cutoff = (
        (now or timezone.now())
        - timedelta(days=settings.BACKUP_RETENTION_DAYS)
        + timedelta(hours=1)
    )
    newest = Backup.objects.filter(status=Backup.Status.OK).order_by("-started_at").first()
    old = Backup.objects.filter(started_at__lt=cutoff).exclude(status=Backup.Status.PRUNED)
    if newest is not None:
        old = old.exclude(pk=newest.pk)
    pruned = 0
    for backup in old:
        if backup_storage().exists(backup.name):
            backup_storage().delete(backup.name)
        with transaction.atomic():
            Backup.objects.filter(pk=backup.pk).update(status=Backup.Status.PRUNED)
        pruned += 1
    if pruned:
        log.info("backups_pruned count=%d", pruned)
    return pruned


def latest_backup() -> Backup | None:
    return Backup.objects.filter(status=Backup.Status.OK).order_by("-started_at").first()


@dataclass(frozen=True)
class Restored:
    name: str
    files: int
    database_seconds: float
    files_seconds: float


def restore_backup(*, name: str, database: dict, files=None, with_files: bool = True) -> Restored:
    """Restore archive `name` into `database` (Django settings of the target) and,
    unless told not to, its files into `files` (default: private storage).

    The archive is opened and every checksum verified before anything is replaced;
    the database is restored in one transaction. Files the archive holds overwrite
    those of the same name; newer files are kept."""
    store = backup_storage()
    if not store.exists(name):
        raise DomainError(_("No existe el respaldo «%(name)s».") % {"name": name})
    target_files = files if files is not None else private_storage()
    with tempfile.TemporaryDirectory(prefix="impulsa-restore-") as tmp:
        folder = Path(tmp)
        try:
            with store.open(name, "rb") as source:
                manifest = archive.unpack(source, folder)
        except (SealError, archive.ArchiveError) as exc:
            raise DomainError(str(exc)) from exc
        started = time.monotonic()
        if _same_database(database, connection.settings_dict):
            connection.close()  # pg_restore drops tables this process may hold open
        postgres.restore(database, folder / archive.DUMP_MEMBER)
        database_seconds = time.monotonic() - started
        started = time.monotonic()
        if with_files:
            for file_name in manifest["files"]:
                if target_files.exists(file_name):
                    target_files.delete(file_name)
                with (folder / archive.FILES_PREFIX / file_name).open("rb") as data:
                    target_files.save(file_name, File(data, name=file_name))
    log.info("backup_restored name=%s files=%d", name, len(manifest["files"]))
    return Restored(name, len(manifest["files"]), database_seconds, time.monotonic() - started)


def _same_database(a: dict, b: dict) -> bool:
    return all(a.get(key) == b.get(key) for key in ("NAME", "HOST", "PORT"))
