"""Celery tasks of the accounts app: large student imports run here."""

import contextlib
import logging

from auditlog.context import set_actor
from celery import shared_task

from impulsa.accounts.imports.service import process_import
from impulsa.accounts.models import ImportJob

logger = logging.getLogger("impulsa.imports")


@shared_task(name="accounts.run_import", acks_late=True, ignore_result=True)
def run_import(job_id: int) -> None:
    """Process one import job; changes the import makes are attributed to its creator."""
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None:
        logger.warning("import_job_missing job_id=%s", job_id)
        return
    actor = job.created_by
    with set_actor(actor) if actor is not None else contextlib.nullcontext():
        process_import(job_id=job_id)
