"""API authentication (kept apart from core/rest.py: DRF imports it while loading its
own settings, so it must not import rest_framework.views)."""

from auditlog.context import auditlog_value
from knox.auth import TokenAuthentication


class AuditedTokenAuthentication(TokenAuthentication):
    """knox token authentication that also names the user in the audit context.

    django-auditlog's middleware records request.user as the actor, but for API
    calls with a token DRF authenticates later, inside the view; without this,
    changes made through the API would be logged without an actor.
    """

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            try:
                context = auditlog_value.get()
            except LookupError:
                return result
            if context.get("actor") is None:
                context["actor"] = result[0]
        return result
