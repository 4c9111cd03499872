"""REST plumbing shared by every app's rest.py."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from impulsa.core.errors import AccessDenied, Conflict, DomainError


# The body of every refusal (4xx and 5xx) under /api/v1/: the Spanish message and,
# when fields are at fault, the first one's name and every field's messages.
class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=gettext_lazy("Qué pasó, en el idioma de la persona."))
    field = serializers.CharField(
        required=False, help_text=gettext_lazy("El campo con el problema, cuando es uno solo.")
    )
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=gettext_lazy("Mensajes de cada campo con problemas (datos inválidos)."),
    )


ERROR = ErrorSerializer


def error_response(message: str, status_code: int, field: str | None = None) -> Response:
    body = {"detail": message}
    if field:
        body["field"] = field
    return Response(body, status=status_code)


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested validation errors as {"field" or "field.sub" or "items.0.x": [messages]}."""
    if isinstance(detail, dict):
        flat = {}
        for key, value in detail.items():
            flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        flat = {}
        for index, value in enumerate(detail):
            flat.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix or api_settings.NON_FIELD_ERRORS_KEY: [str(m) for m in messages]}


def validation_error_body(detail) -> dict:
    errors = _flatten(detail)
    first_field, messages = next(iter(errors.items()), ("", [_("Datos no válidos.")]))
    body = {"detail": messages[0] if messages else _("Datos no válidos.")}
    if first_field != api_settings.NON_FIELD_ERRORS_KEY:
        body["field"] = first_field
    body["errors"] = errors
    return body


def exception_handler(exc, context):
    """Every refusal answers an ErrorSerializer body: domain errors become 400/403/409
    with their Spanish message; DRF's field lists keep their messages in `errors`."""
    if isinstance(exc, AccessDenied):
        return error_response(exc.message, status.HTTP_403_FORBIDDEN)
    if isinstance(exc, Conflict):
        return error_response(exc.message, status.HTTP_409_CONFLICT)
    if isinstance(exc, DomainError):
        return error_response(exc.message, status.HTTP_400_BAD_REQUEST, exc.field)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, ValidationError):
        response.data = validation_error_body(exc.detail)
    return response


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


# What `id_param` accepts: digits only (an id no one has reads as an empty list).
ID_SCHEMA = {"type": "integer", "minimum": 0}


def id_filter(name: str, description) -> OpenApiParameter:
    """The schema of an id filter read by `id_param`."""
    return OpenApiParameter(name, ID_SCHEMA, OpenApiParameter.QUERY, description=description)


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
