"""The OpenAPI schema, kept true to what the API answers (drf-spectacular).

`AutoSchema` adds to every operation the refusals it can answer, each with the body
core.rest's exception handler really sends (ErrorSerializer): 400 (invalid data, a
NUL character anywhere in the request), 401 and 403 (no token; role, 2FA or
temporary-password gate), 404 (an id outside the caller's reach, a page past the
end), 409 (a write that conflicts) and 429 (throttling). Optional query parameters
may be empty (read as absent), and bodies are documented as JSON (multipart where a
file is uploaded). tests/test_api_schema.py holds the API to it with schemathesis,
so new endpoints are described by construction.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from impulsa.core.rest import ErrorSerializer

_WRITES = {"POST", "PUT", "PATCH", "DELETE"}
_DESCRIPTIONS = {
    "400": _("Datos no válidos; «detail» dice por qué y «errors», qué campos."),
    "401": _("Falta el token, o no es válido o ya caducó."),
    "403": _(
        "Tu rol no lo permite, o antes debes confirmar tu código de verificación o cambiar "
        "tu contraseña temporal."
    ),
    "404": _("No existe o está fuera de tu alcance."),
    "409": _("Choca con el estado actual (por ejemplo, ya existe)."),
    "429": _("Demasiadas peticiones; espera un momento."),
}


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code not in responses:
                error = OpenApiResponse(ErrorSerializer, description=_DESCRIPTIONS[code])
                responses[code] = self._get_response_for_code(error, code, direction=direction)
        return dict(sorted(responses.items()))

    def _error_codes(self) -> list[str]:
        codes = ["400", "429"]
        auths = self.get_auth()
        if auths and {} not in auths:
            codes += ["401", "403"]
        if self._is_paginated_list() or "{" in self.path:
            codes.append("404")
        if self.method in _WRITES:
            codes.append("409")
        return codes

    def _is_paginated_list(self) -> bool:
        return self.method == "GET" and self._is_list_view() and self._get_paginator() is not None

    def _get_parameters(self):
        # Our filters and DRF's `page` read an empty value as absent (`?role=` lists
        # every role); say so, and schemathesis holds new filters to the same rule.
        parameters = super()._get_parameters()
        for parameter in parameters:
            if parameter["in"] == "query" and not parameter.get("required"):
                parameter["allowEmptyValue"] = True
        return parameters

    def map_parsers(self):
        # Bodies are documented in one format: JSON, or multipart where a file is
        # uploaded. (The form parsers stay, for old clients and the test client, but
        # forms cannot say null or send a file, so they are not the contract.)
        media_types = super().map_parsers()
        for preferred in ("application/json", "multipart/form-data"):
            if preferred in media_types:
                return [preferred]
        return media_types

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        # DRF drops allow_blank from read-only model fields, so an e-mail the model
        # allows to be blank would be documented as always `format: email`. Telling
        # drf-spectacular the truth makes it document "" as well.
        if _model_allows_blank(field):
            field.allow_blank = True
        return super()._map_serializer_field(field, direction, bypass_extensions)


def _model_allows_blank(field) -> bool:
    if not (isinstance(field, serializers.CharField) and field.read_only) or field.allow_blank:
        return False
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or "." in field.source:
        return False
    try:
        return model._meta.get_field(field.source).blank
    except FieldDoesNotExist:
        return False


class AuditedTokenScheme(OpenApiAuthenticationExtension):
    target_class = "impulsa.core.rest_auth.AuditedTokenAuthentication"
    match_subclasses = True
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token de /api/v1/auth/token/, enviado como «Token <clave>».",
        }
