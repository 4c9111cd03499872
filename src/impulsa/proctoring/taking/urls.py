from django.urls import path

from impulsa.proctoring.integrity import views as integrity
from impulsa.proctoring.taking import views

app_name = "exams"

urlpatterns = [
    path("", views.my_exams, name="my_exams"),
    path("sesion/<int:session_id>/", views.session_start, name="start"),
    path(
        "cuestionario/<int:enrollment_id>/<uuid:activity_key>/",
        views.quiz_start,
        name="quiz_start",
    ),
    path("intento/<int:attempt_id>/", views.attempt_page, name="attempt"),
    path("intento/<int:attempt_id>/respuesta/<int:item_version_id>/", views.save, name="save"),
    path("intento/<int:attempt_id>/estado/", views.status, name="status"),
    path("intento/<int:attempt_id>/entregar/", views.submit, name="submit"),
    path("intento/<int:attempt_id>/eventos/", integrity.record, name="events"),
]
