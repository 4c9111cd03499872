"""Celery task outcomes into the metrics (connected in OpsConfig.ready)."""

from celery.signals import task_failure, task_retry, task_success

from impulsa.ops.observability import metrics


def _name(sender) -> str:
    return getattr(sender, "name", None) or "unknown"


def _succeeded(sender=None, **kwargs):
    metrics.count_task_outcome(_name(sender), "succeeded")


def _failed(sender=None, **kwargs):
    metrics.count_task_outcome(_name(sender), "failed")


def _retried(sender=None, request=None, **kwargs):
    metrics.count_task_outcome(getattr(request, "task", None) or _name(sender), "retried")


def connect() -> None:
    task_success.connect(_succeeded, weak=False, dispatch_uid="ops-task-success")
    task_failure.connect(_failed, weak=False, dispatch_uid="ops-task-failure")
    task_retry.connect(_retried, weak=False, dispatch_uid="ops-task-retry")
