"""Log filters: every record carries the request id; personal data never leaves.

Our own log lines are an event name and key=value ids, never names, CURPs or e-mail
addresses (CONVENTIONS.md); a library may still put one in a message (a failed
log-in's username, say), so this filter masks what looks like a CURP, an e-mail
address or a Mexican phone number before any handler writes the record.
"""

import logging
import re

from impulsa.ops.observability.context import request_id

_PERSONAL = (
    re.compile(r"\b[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX][A-Z]{5}[A-Z\d]\d\b", re.IGNORECASE),  # CURP
    re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),  # e-mail
    re.compile(r"(?<!\d)(?:\+?52[ -]?)?(?:\d[ -]?){10}(?!\d)"),  # 10-digit phone
)
MASK = "[dato personal]"


def mask(text: str) -> str:
    for pattern in _PERSONAL:
        text = pattern.sub(MASK, text)
    return text


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
