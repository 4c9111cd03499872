from django.urls import path

from impulsa.assessment import player_views

app_name = "answers"

urlpatterns = [
    path(
        "<int:enrollment_id>/<uuid:activity_key>/<int:item_version_id>/",
        player_views.save,
        name="save",
    ),
    path(
        "<int:enrollment_id>/<uuid:activity_key>/<int:item_version_id>/pista/",
        player_views.hint,
        name="hint",
    ),
    path("<int:enrollment_id>/<uuid:activity_key>/terminar/", player_views.finish, name="finish"),
]
