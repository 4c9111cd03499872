from django.urls import path

from impulsa.ops.observability import views

app_name = "ops"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
