"""What other apps may use from audit (OEP-49)."""

from impulsa.audit.models import AuditEntry
from impulsa.audit.services import record, redact_person

__all__ = ["AuditEntry", "record", "redact_person"]
