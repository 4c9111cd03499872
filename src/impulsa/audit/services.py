"""Explicit audit records for events that are not a model save (log-ins, imports)."""

import json

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from impulsa.audit.models import AuditEntry
from impulsa.core.net import client_ip


def record(*, actor, instance, event: str, request=None, **data) -> AuditEntry:
    """Record that `actor` did `event` to `instance`; `data` lands in additional_data.

    Never pass personal data (CURP, addresses, ...) in `data`.
    """
    remote_addr = client_ip(request) if request is not None else None
    return AuditEntry.objects.log_create(
        instance,
        force_log=True,
        action=AuditEntry.Action.ACCESS,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_email=getattr(actor, "email", None) or None,
        remote_addr=remote_addr,
        additional_data={"event": event, **data},
    )


# Shorter strings (a first name alone, initials) would also hit other people's entries.
_REDACT_MIN_LENGTH = 5


def redact_person(*, user_id: int, texts: list[str], replacement: str) -> int:
    """Take a blocked person's identifying `texts` (full name, user name, e-mail,
    matrícula) out of the audit log, where its pages would still show them: object
    names, diffs and the actor's e-mail. The entries themselves stay (who did what, and
    when, is the log's purpose); the privacy app keeps the data sealed for the blocking
    period. Returns how many entries changed."""
    texts = sorted({t for t in texts if t and len(t) >= _REDACT_MIN_LENGTH}, key=len, reverse=True)
    mentions = Q(actor_id=user_id)
    for text in texts:
        mentions |= Q(object_repr__contains=text) | Q(changes_as_text__contains=text)
    found = AuditEntry.objects.annotate(changes_as_text=Cast("changes", TextField()))
    changed = 0
    for entry in found.filter(mentions).iterator():
        updates = {
            "object_repr": _replace(entry.object_repr, texts, replacement),
            "changes": json.loads(
                _replace(json.dumps(entry.changes, ensure_ascii=False), texts, replacement)
            ),
            "changes_text": _replace(entry.changes_text, texts, replacement),
        }
        if entry.actor_id == user_id:
            updates["actor_email"] = None
        AuditEntry.objects.filter(pk=entry.pk).update(**updates)
        changed += 1
    return changed


def _replace(value: str, texts: list[str], replacement: str) -> str:
    for text in texts:
        value = value.replace(text, replacement)
    return value
