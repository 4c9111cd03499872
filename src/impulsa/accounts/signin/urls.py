from django.contrib.auth.views import LogoutView
from django.urls import path

from impulsa.accounts.home import views as home_views
from impulsa.accounts.signin import twofactor
from impulsa.accounts.signin import views as auth_views

app_name = "accounts"

urlpatterns = [
    path("entrar/", auth_views.LoginView.as_view(), name="login"),
    path("salir/", LogoutView.as_view(), name="logout"),
    path("verificacion/configurar/", twofactor.setup, name="two_factor_setup"),
    path("verificacion/", twofactor.verify, name="two_factor_verify"),
    path("perfil/", home_views.profile, name="profile"),
    path("contrasena/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("recuperar/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "recuperar/enviado/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "recuperar/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "recuperar/listo/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
