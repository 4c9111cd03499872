"""TOTP two-factor authentication (django-otp), required for admin roles.

After the password, an admin without a confirmed authenticator is sent to set
one up; an admin with one must type a current code. Until then every other page
answers with a redirect here (or 403 for API calls made with the session).
"""

import base64
import io
import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_ratelimit.decorators import ratelimit

from impulsa.accounts.signin.gates import redirect_with_next, safe_next
from impulsa.audit.api import record
from impulsa.core.errors import DomainError
from impulsa.core.forms import add_domain_error

SETUP_URL_NAME = "accounts:two_factor_setup"
VERIFY_URL_NAME = "accounts:two_factor_verify"
# Code attempts per person (settings.TWO_FACTOR_CODE_RATE), on top of django-otp's
# exponential back-off per device.
DEFAULT_CODE_RATE = "10/m"


def _confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def _pending_device(user) -> TOTPDevice:
    """The authenticator being set up (one per person, reused until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Autenticador", confirmed=False)
    return device


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Código de 6 dígitos"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("El código tiene solo dígitos."))
        return token


def _code_rate(group, request) -> str:
    return getattr(settings, "TWO_FACTOR_CODE_RATE", DEFAULT_CODE_RATE)


def _qr_data_uri(device: TOTPDevice) -> str:
    import qrcode
    import qrcode.image.svg

    buffer = io.BytesIO()
    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _check(device: TOTPDevice, token: str) -> None:
    allowed, _info = device.verify_is_allowed()
    if not allowed:
        raise DomainError(_("Demasiados códigos incorrectos; espera un momento."), field="token")
    if not device.verify_token(token):
        if _already_used(device, token):
            raise DomainError(
                _(
                    "Ese código ya se usó. Espera a que tu aplicación muestre el siguiente "
                    "(cambia cada 30 segundos) y escríbelo."
                ),
                field="token",
            )
        raise DomainError(_("El código no es correcto o ya caducó."), field="token")


def _already_used(device: TOTPDevice, token: str) -> bool:
    """Whether a refused code is a current one that was already accepted: django-otp
    takes each code once (replay protection), so typing it again after a quick
    log-out looks like a wrong code unless we say why."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    # verify() leaves totp.t() at the time step the code belongs to.
    return totp.verify(int(token), device.tolerance) and totp.t() <= device.last_t


@login_required
@ratelimit(group="accounts.two_factor", key="user", rate=_code_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def setup(request):
    if _confirmed_device(request.user):
        return redirect_with_next(VERIFY_URL_NAME, safe_next(request, reverse("home")))
    device = _pending_device(request.user)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        try:
            # Outside any transaction: a refused code must keep its throttling count.
            _check(device, form.cleaned_data["token"])
        except DomainError as error:
            add_domain_error(form, error)
        else:
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                record(
                    actor=request.user, instance=request.user, event="2fa_enabled", request=request
                )
            otp_login(request, device)
            messages.success(request, _("Listo: tu cuenta ya pide un código al entrar."))
            return redirect(safe_next(request, reverse("home")))
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr": _qr_data_uri(device),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "next": safe_next(request, reverse("home")),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
@ratelimit(group="accounts.two_factor", key="user", rate=_code_rate, method="POST", block=True)
@require_http_methods(["GET", "POST"])
def verify(request):
    device = _confirmed_device(request.user)
    if device is None:
        return redirect_with_next(SETUP_URL_NAME, safe_next(request, reverse("home")))
    if request.user.is_verified():
        return redirect(safe_next(request, reverse("home")))
    form = TokenForm(request.POST or None)
    if form.is_valid():
        try:
            _check(device, form.cleaned_data["token"])
        except DomainError as error:
            add_domain_error(form, error)
            record(actor=request.user, instance=request.user, event="2fa_failed", request=request)
        else:
            otp_login(request, device)
            return redirect(safe_next(request, reverse("home")))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": safe_next(request, reverse("home"))},
    )
