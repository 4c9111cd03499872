import hashlib
import hmac

from django.utils.translation import gettext as _

from impulsa.proctoring.rules.base import AccessRule

CONFIG_KEY_HEADER = "X-SafeExamBrowser-ConfigKeyHash"
BROWSER_KEY_HEADER = "X-SafeExamBrowser-RequestHash"


def key_hash(url: str, key: str) -> str:
    """What Safe Exam Browser sends: SHA-256 of the absolute URL followed by the key."""
    return hashlib.sha256((url + key).encode()).hexdigest()


def _matches(sent: str, url: str, keys: list[str]) -> bool:
    return any(hmac.compare_digest(sent.lower(), key_hash(url, key)) for key in keys)


class SafeExamBrowser(AccessRule):
    """Where the session lists keys (Config Keys or Browser Exam Keys), every request
    must carry a hash of its own URL with one of them, checked by the server."""

    needs_session = True

    def _refuse(self, entry):
        keys = [k.strip() for k in entry.session.safe_browser_keys.splitlines() if k.strip()]
        if not keys:
            return None
        headers, url = entry.client.headers, entry.client.url
        sent = [headers.get(CONFIG_KEY_HEADER, ""), headers.get(BROWSER_KEY_HEADER, "")]
        if any(s and _matches(s, url, keys) for s in sent):
            return None
        return _("Este examen se presenta con Safe Exam Browser configurado por el plantel.")

    refuse_start = _refuse
    refuse_request = _refuse
