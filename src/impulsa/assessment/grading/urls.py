from django.urls import path

from impulsa.assessment.grading import views

app_name = "grading"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("respuesta/<int:answer_id>/", views.grade, name="grade"),
    path("reactivo/<int:item_id>/recalificar/", views.regrade, name="regrade"),
]
