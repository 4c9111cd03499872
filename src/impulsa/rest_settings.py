"""The REST API's settings (Django REST framework, knox tokens, drf-spectacular), kept
beside settings.py so that module stays readable; settings.py imports them."""

from datetime import timedelta

import environ

env = environ.Env()

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "impulsa.accounts.signin.gates.GatedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_RATE", default="30/minute"),
        "user": env.str("API_USER_RATE", default="600/minute"),
        "token_login": env.str("API_LOGIN_RATE", default="10/minute"),
    },
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "impulsa.core.rest_schema.AutoSchema",
    "EXCEPTION_HANDLER": "impulsa.core.rest.exception_handler",
}
REST_KNOX = {"TOKEN_TTL": timedelta(days=30), "AUTO_REFRESH": False}
SPECTACULAR_SETTINGS = {
    "TITLE": "Impulsa API",
    "DESCRIPTION": "API REST de Impulsa (v1). Todas las respuestas se limitan al alcance "
    "institucional del usuario que la consulta.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Request bodies get their own components (no read-only fields, blank refused
    # where the API refuses it), so generated clients and schemathesis send what we take.
    "COMPONENT_SPLIT_REQUEST": True,
}
