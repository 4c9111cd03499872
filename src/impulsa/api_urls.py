"""REST API v1: each app contributes its routes from its rest modules."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from impulsa.accounts.imports import rest as import_rest
from impulsa.accounts.people import rest as accounts_rest
from impulsa.accounts.signin import rest as auth_rest
from impulsa.learning import rest as learning_rest
from impulsa.org import rest as org_rest


class ApiRouter(DefaultRouter):
    include_format_suffixes = False  # JSON only; no ".json" twins of every route


router = ApiRouter()
org_rest.register(router)
accounts_rest.register(router)
import_rest.register(router)
learning_rest.register(router)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    *auth_rest.urlpatterns,
    path("", include(router.urls)),
]
