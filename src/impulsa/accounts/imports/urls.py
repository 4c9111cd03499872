from django.urls import path

from impulsa.accounts.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("nueva/", views.job_create, name="job_create"),
    path("plantilla.csv", views.template_csv, name="template_csv"),
    path("plantilla.xlsx", views.template_xlsx, name="template_xlsx"),
    path("<int:job_id>/", views.job_detail, name="job_detail"),
    path("<int:job_id>/progreso/", views.job_progress, name="job_progress"),
    path("<int:job_id>/errores.csv", views.job_errors_csv, name="job_errors_csv"),
]
