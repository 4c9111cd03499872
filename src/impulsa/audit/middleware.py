"""django-auditlog's middleware with the client address and correlation id checked.

auditlog trusts X-Forwarded-For and X-Correlation-ID as sent: a client could choose
the address recorded in the log, and an over-long or malformed header made every
audited write fail. We take the address from core.net and accept only short,
plain correlation ids.
"""

import re

from auditlog.cid import correlation_id
from auditlog.context import set_extra_data
from auditlog.middleware import AuditlogMiddleware
from django.conf import settings

from impulsa.core.net import client_ip

_CID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def clean_correlation_id(value: str | None) -> str | None:
    return value if value and _CID.match(value) else None


class AuditMiddleware(AuditlogMiddleware):
    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request)

    @staticmethod
    def _get_remote_port(request):
        return None

    def __call__(self, request):
        correlation_id.set(clean_correlation_id(request.headers.get(settings.AUDITLOG_CID_HEADER)))
        with set_extra_data(context_data=self.get_extra_data(request)):
            return self.get_response(request)
