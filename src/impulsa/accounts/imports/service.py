"""Entry points of the student import, used by the pages, the REST API and Celery.

`start_import` stores the uploaded file (private storage), checks that it can be
read and counts its rows; small files are processed in the request, larger ones by
a Celery worker. `process_import` validates every row and, only when all are valid,
writes them in one transaction; then it stores the outcome on the job, records one
audit entry and deletes the file (the job row stays, without personal data).
"""

import logging
import os
import threading
import time
import traceback
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from impulsa.accounts.imports import progress, reading, validation, writing
from impulsa.accounts.models import ImportJob
from impulsa.audit.api import record
from impulsa.core.errors import AccessDenied, DomainError
from impulsa.core.storage import private_storage
from impulsa.org.api import Capability, Institution, can, ensure

logger = logging.getLogger("impulsa.imports")
Status = ImportJob.Status


@transaction.atomic
def start_import(*, actor, institution: Institution, uploaded_file) -> ImportJob:
    """Create the job for an uploaded CSV/XLSX file; raise DomainError (field "file")
    when the file cannot be read at all, so the form can say so right away."""
    ensure(actor, Capability.MANAGE_PEOPLE, institution)
    name = os.path.basename(str(uploaded_file.name or "")).strip()
    extension = reading.file_extension(name)
    reading.check_size(getattr(uploaded_file, "size", None))
    uploaded_file.seek(0)
    content = uploaded_file.read()
    rows = reading.read_rows(content, name=name)

    job = ImportJob(
        institution=institution,
        created_by=actor,
        original_name=name[:255],
        total_rows=len(rows),
    )
    # A random stored name: the original may carry a group's or a person's name.
    stored_name = job.file.field.generate_filename(job, f"{uuid.uuid4().hex}{extension}")
    job.file.name = private_storage().save(stored_name, ContentFile(content))
    job.save()
    background = len(rows) > settings.IMPORT_BACKGROUND_THRESHOLD
    logger.info(
        "import_started job_id=%s institution_id=%s rows=%s background=%s",
        job.pk,
        institution.pk,
        len(rows),
        background,
    )
    if background:
        job_id = job.pk
        transaction.on_commit(lambda: _dispatch(job_id))
        return job
    return _process(job.pk, rows=rows)


def _dispatch(job_id: int) -> None:
    """Hand a committed job to Celery. Without a broker (the demo) Celery is eager and
    would run the whole import inside the upload request, so nobody would ever see
    its progress: a thread of this process runs it instead, as a worker would."""
    from impulsa.accounts.tasks import run_import

    if run_import.app.conf.task_always_eager:
        threading.Thread(
            target=_run_in_thread, args=(job_id,), name=f"import-{job_id}", daemon=True
        ).start()
    else:
        run_import.delay(job_id)


def _run_in_thread(job_id: int) -> None:
    from impulsa.accounts.tasks import run_import

    try:
        run_import.apply(args=(job_id,))
    finally:
        connections.close_all()  # this thread's connections; nothing else closes them


def process_import(*, job_id: int) -> ImportJob:
    """Validate and, when every row is valid, write a job's file. Safe to call again
    for a job already finished (a redelivered task): it returns the job untouched."""
    return _process(job_id, rows=None)


def _process(job_id: int, *, rows: list[reading.RawRow] | None) -> ImportJob:
    started = time.monotonic()
    try:
        with transaction.atomic():
            # The lock makes a second worker on the same job wait, then find it finished.
            job = (
                ImportJob.objects.select_for_update(of=("self",))
                .select_related("institution", "created_by")
                .get(pk=job_id)
            )
            if job.is_finished:
                return job
            actor = job.created_by
            if actor is None or not can(actor, Capability.MANAGE_PEOPLE, job.institution):
                raise DomainError(
                    _(
                        "Quien inició la importación ya no tiene permiso para dar de alta alumnos ahí."
                    )
                )
            if rows is None:
                rows = _read_stored_file(job)
            reporter = progress.Reporter(job.pk, len(rows))
            plan = validation.validate(
                actor=actor, institution=job.institution, rows=rows, reporter=reporter
            )
            if plan.errors:
                return _finish(job, Status.INVALID, errors=plan.errors, started=started)
            counts = writing.write(actor=actor, plan=plan, reporter=reporter)
            return _finish(job, Status.DONE, counts=counts, started=started)
    except (DomainError, AccessDenied) as error:
        # The file vanished or became unreadable, a permission was withdrawn, or a
        # rule refused while writing (a group created meanwhile): nothing was written.
        errors = validation.ErrorLog()
        errors.add(None, "", error.message)
        return _finish_after_rollback(job_id, Status.INVALID, errors, started)
    except Exception as exc:  # the job must end as "failed", whatever went wrong
        # The class and the place, never the message: it may quote a row's values.
        frames = traceback.extract_tb(exc.__traceback__)
        ours = [f for f in frames if f"{os.sep}impulsa{os.sep}" in f.filename]
        frame = (ours or frames)[-1]
        logger.error(
            "import_failed job_id=%s error=%s at=%s:%s",
            job_id,
            exc.__class__.__name__,
            os.path.basename(frame.filename),
            frame.lineno,
        )
        errors = validation.ErrorLog()
        errors.add(
            None,
            "",
            _(
                "La importación falló por un error del sistema y no se guardó nada. "
                "Vuelve a intentarlo; si se repite, avisa a soporte con el número de importación."
            ),
        )
        return _finish_after_rollback(job_id, Status.FAILED, errors, started)


def _read_stored_file(job: ImportJob) -> list[reading.RawRow]:
    if not job.file.name:
        raise DomainError(_("El archivo de esta importación ya no está disponible."))
    try:
        with private_storage().open(job.file.name, "rb") as stored:
            content = stored.read()
    except FileNotFoundError as exc:
        raise DomainError(_("El archivo de esta importación ya no está disponible.")) from exc
    return reading.read_rows(content, name=job.original_name or job.file.name)


def _finish_after_rollback(job_id, status, errors, started) -> ImportJob:
    with transaction.atomic():
        job = ImportJob.objects.select_for_update(of=("self",)).get(pk=job_id)
        if job.is_finished:
            return job
        return _finish(job, status, errors=errors, started=started)


def _finish(
    job: ImportJob,
    status: str,
    *,
    started: float,
    errors: validation.ErrorLog | None = None,
    counts: writing.Counts | None = None,
) -> ImportJob:
    """Store the outcome, audit it once and drop the file once the transaction commits."""
    stored_name = job.file.name
    job.status = status
    job.finished_at = timezone.now()
    job.processed_rows = job.total_rows if status == Status.DONE else 0
    job.created_count = counts.created if counts else 0
    job.updated_count = counts.updated if counts else 0
    job.errors = errors.as_json() if errors else []
    job.file = ""
    # A queryset update: the audit entry below says it all, once.
    ImportJob.objects.filter(pk=job.pk).update(
        status=job.status,
        finished_at=job.finished_at,
        processed_rows=job.processed_rows,
        created_count=job.created_count,
        updated_count=job.updated_count,
        errors=job.errors,
        file="",
    )
    _audit_outcome(job, status, errors, counts)
    logger.info(
        "import_finished job_id=%s status=%s rows=%s created=%s updated=%s unchanged=%s "
        "errors=%s seconds=%.2f",
        job.pk,
        status,
        job.total_rows,
        job.created_count,
        job.updated_count,
        counts.unchanged if counts else 0,
        errors.count if errors else 0,
        time.monotonic() - started,
    )
    storage = private_storage()
    job_id = job.pk

    def cleanup():
        progress.clear(job_id)
        if stored_name:
            storage.delete(stored_name)

    transaction.on_commit(cleanup, robust=True)
    return job


def _audit_outcome(job: ImportJob, status: str, errors, counts) -> None:
    """One audit entry for the whole import (its rows fire no model signals)."""
    if status == Status.DONE:
        record(
            actor=job.created_by,
            instance=job,
            event="student_import",
            rows=job.total_rows,
            created=counts.created,
            updated=counts.updated,
            unchanged=counts.unchanged,
        )
    else:
        record(
            actor=job.created_by,
            instance=job,
            event="student_import_rejected"
            if status == Status.INVALID
            else "student_import_failed",
            rows=job.total_rows,
            errors=errors.count if errors else 0,
        )


def unchanged_count(job: ImportJob) -> int:
    """People of a finished import whose data already matched the file."""
    if job.status != Status.DONE:
        return 0
    return max(0, job.total_rows - job.created_count - job.updated_count)
