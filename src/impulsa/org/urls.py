from django.urls import path

from impulsa.org import pickers, views

app_name = "org"

urlpatterns = [
    path("", views.institution_list, name="institution_list"),
    path("<int:institution_id>/", views.institution_detail, name="institution_detail"),
    path("<int:institution_id>/nueva/", views.institution_create, name="institution_create"),
    path("<int:institution_id>/editar/", views.institution_edit, name="institution_edit"),
    path("<int:institution_id>/carreras/nueva/", views.career_create, name="career_create"),
    path("carreras/<int:career_id>/editar/", views.career_edit, name="career_edit"),
    path("<int:institution_id>/grupos/nuevo/", views.group_create, name="group_create"),
    path("grupos/<int:group_id>/editar/", views.group_edit, name="group_edit"),
    path("grupos/opciones/", pickers.group_options, name="group_options"),
    path("periodos/", views.period_list, name="period_list"),
    path("periodos/nuevo/", views.period_create, name="period_create"),
    path("periodos/<int:period_id>/editar/", views.period_edit, name="period_edit"),
]
