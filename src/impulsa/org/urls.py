from django.urls import path

from impulsa.org import views

app_name = "org"

urlpatterns = [
    path("", views.institution_list, name="institution_list"),
    path("periodos/", views.period_list, name="period_list"),
]
