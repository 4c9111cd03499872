"""What other apps may use from ops (OEP-49)."""

from impulsa.ops.backups.services import latest_backup
from impulsa.ops.observability.context import request_id as _request_id


def current_request_id() -> str:
    """The id of the request being served ("-" outside one), e.g. for a support
    ticket to quote what the operators' logs call it."""
    return _request_id.get()


__all__ = ["current_request_id", "latest_backup"]
