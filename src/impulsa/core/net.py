"""The client's address, decided in one place for rate limits, lockouts and the audit log;
and the site a request came to, for the links we e-mail.

Without proxies (TRUSTED_PROXY_COUNT=0) it is the connection's address: a client
cannot choose it by sending X-Forwarded-For. Behind N trusted proxies it is the
address the outermost one saw, i.e. the N-th entry from the right of
X-Forwarded-For. Anything that is not an IP address counts as absent.
"""

import ipaddress

from django.conf import settings


def _valid(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= proxies:
            return _valid(forwarded[-proxies])
        return None
    return _valid(request.META.get("REMOTE_ADDR"))


def client_ip_or_unknown(request) -> str:
    """For libraries that need a string (django-ratelimit buckets)."""
    return client_ip(request) or "0.0.0.0"  # noqa: S104 - a bucket name, not a bind address


def link_site(request) -> dict:
    """The host and scheme links in e-mails use: those the request came to (the
    `domain` and `use_https` arguments of the services that send them)."""
    return {"domain": request.get_host(), "use_https": request.is_secure()}
