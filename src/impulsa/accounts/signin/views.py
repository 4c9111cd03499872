"""Log-in, log-out and password recovery (Django's views, our templates and limits)."""

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django_ratelimit.decorators import ratelimit

from impulsa.accounts import services
from impulsa.accounts.models import User
from impulsa.accounts.signin.gates import safe_next
from impulsa.audit.api import record


def _login_rate(group, request) -> str:
    return settings.LOGIN_RATE


def _password_reset_rate(group, request) -> str:
    return getattr(settings, "PASSWORD_RESET_RATE", "5/m")


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Usuario o contraseña incorrectos. Recuerda que la contraseña distingue "
            "mayúsculas y minúsculas."
        ),
        "inactive": _(
            "Esta cuenta está desactivada. Pide ayuda a la administración de tu plantel."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Usuario o matrícula")
        self.fields["password"].label = _("Contraseña")


@method_decorator(
    ratelimit(group="accounts.login", key="ip", rate=_login_rate, method="POST", block=True),
    name="post",
)
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            form.get_user().preferred_language,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
        return response


class ResetForm(PasswordResetForm):
    """Also reaches accounts that never had a password (imported students, new staff):
    for them the e-mailed link is how they set their first one."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=email.strip(), is_active=True).exclude(email="")


@method_decorator(
    ratelimit(
        group="accounts.password_reset",
        key="ip",
        rate=_password_reset_rate,
        method="POST",
        block=True,
    ),
    name="post",
)
class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        # Whoever opened the link owns the account's e-mail: lift the lockout that the
        # forgotten password caused (the locked-out page sends people here for that).
        axes_reset(username=user.get_username())
        services.password_chosen(user=user)
        record(actor=user, instance=user, event="password_reset", request=self.request)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def get_success_url(self):
        return safe_next(self.request) or super().get_success_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=safe_next(self.request), **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_chosen(user=self.request.user)
        record(
            actor=self.request.user,
            instance=self.request.user,
            event="password_changed",
            request=self.request,
        )
        messages.success(self.request, _("Tu contraseña cambió."))
        return response
