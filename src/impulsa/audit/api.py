"""What other apps may use from audit (OEP-49)."""

from impulsa.audit.models import AuditEntry
from impulsa.audit.services import record

__all__ = ["AuditEntry", "record"]
