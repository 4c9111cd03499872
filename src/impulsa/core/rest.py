"""REST plumbing shared by every app's rest.py."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from impulsa.core.errors import AccessDenied, Conflict, DomainError

# The body of a refusal, for the schema: the Spanish message and, when one field is at
# fault, its name.
ERROR = inline_serializer(
    "ErrorDetail",
    fields={
        "detail": serializers.CharField(),
        "field": serializers.CharField(required=False),
    },
)


def error_response(message: str, status_code: int, field: str | None = None) -> Response:
    body = {"detail": message}
    if field:
        body["field"] = field
    return Response(body, status=status_code)


def exception_handler(exc, context):
    """Domain errors become 400/403/409 with their Spanish message."""
    if isinstance(exc, AccessDenied):
        return error_response(exc.message, status.HTTP_403_FORBIDDEN)
    if isinstance(exc, Conflict):
        return error_response(exc.message, status.HTTP_409_CONFLICT)
    if isinstance(exc, DomainError):
        return error_response(exc.message, status.HTTP_400_BAD_REQUEST, exc.field)
    return drf_exception_handler(exc, context)


def id_param(request, name: str) -> int | None:
    """An id sent in the query string: None when absent, 400 when not a whole number."""
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ValidationError({name: [_("Debe ser un número entero.")]})
    return int(raw)


def filter_by_ids(view, queryset, *names: str):
    """On a list, narrow `queryset` by each id filter the query string sends
    (`?campus=3` keeps the rows whose `campus_id` is 3)."""
    if view.action != "list":
        return queryset
    for name in names:
        value = id_param(view.request, name)
        if value is not None:
            queryset = queryset.filter(**{f"{name}_id": value})
    return queryset


def id_filter(name: str, description) -> OpenApiParameter:
    """The schema of an id filter read by `id_param`."""
    return OpenApiParameter(name, OpenApiTypes.INT, OpenApiParameter.QUERY, description=description)


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """An id in a request body, looked up among the objects `scope(user)` gives the
    caller (anything else is "does not exist"). `queryset` is the model's empty
    queryset: what the schema is generated from, without a request."""

    def __init__(self, *, scope, **kwargs):
        self.scope = scope
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return super().get_queryset()
        return self.scope(request.user)
