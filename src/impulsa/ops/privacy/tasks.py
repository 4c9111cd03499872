from celery import shared_task

from impulsa.ops.privacy.retention import apply_retention


@shared_task(name="ops.privacy.apply_retention")
def apply_retention_task() -> dict:
    run = apply_retention()
    return {"blocked": run.blocked, "deleted": run.deleted}
