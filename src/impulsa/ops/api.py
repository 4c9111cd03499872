"""What other apps may use from ops (OEP-49). Nothing below ops may import it (the
layers); the URL roots route to its pages. `current_notice` is the privacy notice in
force (None before the first publication), for whatever page links to it."""

from impulsa.ops.backups.services import latest_backup
from impulsa.ops.observability.context import request_id as _request_id
from impulsa.ops.privacy.notices import current_notice


def current_request_id() -> str:
    """The id of the request being served ("-" outside one), e.g. for a support
    ticket to quote what the operators' logs call it."""
    return _request_id.get()


__all__ = ["current_notice", "current_request_id", "latest_backup"]
