from django.urls import path

from impulsa.learning.player import views as player_views

app_name = "player"

urlpatterns = [
    path("", player_views.my_courses, name="my_courses"),
    # Course files, for students and authors alike (content pages embed their images).
    path("archivos/<int:attachment_id>/", player_views.download, name="attachment"),
    path("<int:enrollment_id>/", player_views.course_home, name="course"),
    path(
        "<int:enrollment_id>/actividad/<uuid:activity_key>/",
        player_views.activity,
        name="activity",
    ),
    path(
        "<int:enrollment_id>/actividad/<uuid:activity_key>/terminada/",
        player_views.complete_reading,
        name="complete",
    ),
    path(
        "<int:enrollment_id>/actividad/<uuid:activity_key>/tiempo/",
        player_views.spent_time,
        name="time",
    ),
]
