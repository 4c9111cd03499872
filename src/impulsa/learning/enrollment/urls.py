from django.urls import path

from impulsa.learning.enrollment import views

app_name = "enrollment"

urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("cursos/<int:course_id>/", views.course_enrollments, name="course"),
    path("cursos/<int:course_id>/inscribir/", views.enroll, name="enroll"),
    path("cursos/<int:course_id>/inscripcion-masiva/", views.enroll_bulk, name="enroll_bulk"),
    path("<int:enrollment_id>/baja/", views.withdraw, name="withdraw"),
]
