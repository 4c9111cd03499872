from django.urls import path

from impulsa.proctoring.grades import views

app_name = "grades"

urlpatterns = [
    path("", views.sheets, name="sheets"),
    path("mias/", views.my_grades, name="mine"),
    path("grupo/<int:group_id>/curso/<int:course_id>/", views.group_sheet, name="group"),
]
