"""Explicit audit records for events that are not a model save (log-ins, imports)."""

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
