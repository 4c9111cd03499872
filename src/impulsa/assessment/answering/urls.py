from django.urls import path

from impulsa.assessment.answering import views

app_name = "answers"

urlpatterns = [
    path(
        "<int:enrollment_id>/<uuid:activity_key>/<int:item_version_id>/",
        views.save,
        name="save",
    ),
    path(
        "<int:enrollment_id>/<uuid:activity_key>/<int:item_version_id>/pista/",
        views.hint,
        name="hint",
    ),
]
