from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from django_otp.admin import OTPAdminSite

from impulsa.accounts.home.views import home
from impulsa.core.views import healthz, readyz
from impulsa.ops.observability.views import metrics_view

# The Django admin is for platform operators (superusers) and asks for a TOTP code.
admin.site.__class__ = OTPAdminSite

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics_view, name="metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", home, name="home"),
    path("cuenta/", include("impulsa.accounts.signin.urls")),
    path("personas/", include("impulsa.accounts.people.urls")),
    path("importaciones/", include("impulsa.accounts.imports.urls")),
    path("instituciones/", include("impulsa.org.urls")),
    path("auditoria/", include("impulsa.audit.urls")),
    path("contenidos/", include("impulsa.learning.authoring.urls")),
    path("banco/", include("impulsa.assessment.bank.urls")),
    path("aprender/", include("impulsa.learning.player.urls")),
    path("respuestas/", include("impulsa.assessment.answering.urls")),
    path("calificar/", include("impulsa.assessment.grading.urls")),
    path("inscripciones/", include("impulsa.learning.enrollment.urls")),
    path("examenes/", include("impulsa.proctoring.taking.urls")),
    path("examenes/sesiones/", include("impulsa.proctoring.supervision.urls")),
    path("examenes/preparar/", include("impulsa.proctoring.setup.urls")),
    path("calificaciones/", include("impulsa.proctoring.grades.urls")),
    path("dual/", include("impulsa.dual.urls")),
    path("operacion/", include("impulsa.ops.urls")),
    path("ayuda/", include("impulsa.helpdesk.urls")),
    path("privacidad/", include("impulsa.ops.privacy.urls")),
    path("api/v1/", include("impulsa.api_urls")),
    path("admin/", admin.site.urls),
]

# JSON under /api/, the usual pages elsewhere.
handler400 = "impulsa.core.views.bad_request"
handler403 = "impulsa.core.views.permission_denied"
handler404 = "impulsa.core.views.page_not_found"
handler500 = "impulsa.core.views.server_error"

if settings.STORAGE_BACKEND == "local":
    # Logos (type-checked by org.services.check_logo) are the only public uploads; on a
    # single machine Django serves them, production serves them from nginx or object
    # storage. Course files and imports live in private storage and have no public URL.
    urlpatterns.append(
        re_path(
            r"^media/(?P<path>branding/.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
            name="public_media",
        )
    )
