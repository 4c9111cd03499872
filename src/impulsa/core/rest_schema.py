"""OpenAPI description of our token authentication (drf-spectacular extension)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class AuditedTokenScheme(OpenApiAuthenticationExtension):
    target_class = "impulsa.core.rest_auth.AuditedTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token de /api/v1/auth/token/, enviado como «Token <clave>».",
        }
