from django.urls import path

from impulsa.proctoring.setup import views

app_name = "exam_setup"

urlpatterns = [
    path("<int:activity_id>/", views.edit, name="edit"),
    path("<int:activity_id>/grupos/", views.add_draw, name="add_draw"),
    path("<int:activity_id>/grupos/<int:draw_id>/quitar/", views.remove_draw, name="remove_draw"),
]
