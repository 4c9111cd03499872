"""People pages, mounted at /personas/."""

from django.urls import path

from impulsa.accounts.people import views

app_name = "people"

urlpatterns = [
    path("", views.user_list, name="user_list"),
    path("exportar.csv", views.user_export, name="user_export"),
    path("nueva/", views.user_create, name="user_create"),
    path("<int:user_id>/", views.user_detail, name="user_detail"),
    path("<int:user_id>/editar/", views.user_edit, name="user_edit"),
    path("<int:user_id>/activar/", views.user_toggle_active, name="user_toggle_active"),
    path("<int:user_id>/enviar-enlace/", views.user_send_reset, name="user_send_reset"),
    path("<int:user_id>/contrasena-temporal/", views.user_set_password, name="user_set_password"),
    path("<int:user_id>/roles/nuevo/", views.membership_create, name="membership_create"),
    path("roles/<int:membership_id>/retirar/", views.membership_delete, name="membership_delete"),
]
