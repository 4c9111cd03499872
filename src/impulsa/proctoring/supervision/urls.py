from django.urls import path

from impulsa.proctoring.integrity import views as integrity
from impulsa.proctoring.scheduling import views as scheduling
from impulsa.proctoring.supervision import views

app_name = "proctor"

urlpatterns = [
    path("", scheduling.session_list, name="sessions"),
    path("nueva/", scheduling.session_create, name="session_create"),
    path("<int:session_id>/", views.session_detail, name="session"),
    path("<int:session_id>/en-vivo/", views.session_live, name="session_live"),
    path("<int:session_id>/ajustes/", scheduling.accommodation, name="accommodation"),
    path("<int:session_id>/publicar/", scheduling.release, name="release"),
    path(
        "<int:session_id>/integridad.pdf",
        integrity.session_report,
        {"fmt": "pdf"},
        name="session_report_pdf",
    ),
    path(
        "<int:session_id>/integridad.xlsx",
        integrity.session_report,
        {"fmt": "xlsx"},
        name="session_report_xlsx",
    ),
    path("intentos/<int:attempt_id>/", views.attempt_detail, name="attempt"),
    path(
        "intentos/<int:attempt_id>/integridad.pdf",
        integrity.attempt_report,
        {"fmt": "pdf"},
        name="attempt_report_pdf",
    ),
    path(
        "intentos/<int:attempt_id>/integridad.xlsx",
        integrity.attempt_report,
        {"fmt": "xlsx"},
        name="attempt_report_xlsx",
    ),
    path("intentos/<int:attempt_id>/<slug:action>/", views.attempt_action, name="attempt_action"),
]
