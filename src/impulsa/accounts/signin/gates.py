"""What a signed-in person must do before anything else.

Each gate is a small object answering one question (does it block this person?) and
naming the page that clears it; one middleware asks them in order. Today: confirm a
TOTP code (admin roles and directors), then replace a temporary password.

API tokens meet the same gates on every request (GatedTokenAuthentication): a token
counts as verified only if it was issued against a TOTP code, so a token got before
its owner gained an admin role stops working until they ask for a new one with a code.
"""

from types import SimpleNamespace
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.exceptions import PermissionDenied

from impulsa.core.cache_versions import ProcessCache
from impulsa.core.rest_auth import AuditedTokenAuthentication
from impulsa.org.api import requires_two_factor

# Reachable whatever a gate says.
_OPEN_PREFIXES = ("/static/", "/media/", "/healthz", "/readyz", "/i18n/")


# Tokens issued against a TOTP code start with this (knox keeps a token's first
# characters in clear, so the mark needs no table of its own and cannot be forged:
# the whole token, mark included, is hashed).
VERIFIED_TOKEN_PREFIX = "2fa_"  # noqa: S105 - a public mark, not a secret


class TwoFactorGate:
    api_message = _("Confirma tu código de verificación en dos pasos.")
    token_message = _(
        "Tu rol requiere verificación en dos pasos: pide un token nuevo en /api/v1/auth/token/ "
        "con el código de 6 dígitos de tu aplicación autenticadora (campo «otp»)."
    )
    url_names = ("accounts:two_factor_setup", "accounts:two_factor_verify")

    def blocks(self, user) -> bool:
        return not user.is_verified() and requires_two_factor(user)

    def url_name(self, user) -> str:
        has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        return self.url_names[1] if has_device else self.url_names[0]


class TemporaryPasswordGate:
    api_message = _("Cambia tu contraseña temporal antes de continuar.")
    token_message = _(
        "Tu contraseña es temporal: entra a Impulsa en el navegador y cámbiala antes de usar "
        "la API."
    )
    url_names = ("accounts:password_change",)

    def blocks(self, user) -> bool:
        return user.must_change_password

    def url_name(self, user) -> str:
        return self.url_names[0]


GATES = (TwoFactorGate(), TemporaryPasswordGate())


def blocking_gate(user):
    if not user.is_authenticated:
        return None
    return next((gate for gate in GATES if gate.blocks(user)), None)


def admits_connection(user, session) -> bool:
    """The gates for a connection that is not an HTTP request (a WebSocket, whose user
    and session Channels loaded from the same cookie): signed in, the session's TOTP
    device checked as CachedOTPMiddleware checks it for a request, and no gate
    blocking. Synchronous (it may read the database)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    CachedOTPMiddleware(lambda request: None)._verify_user_sync(
        SimpleNamespace(session=session), user
    )
    return blocking_gate(user) is None


# persistent id -> the device a session was verified with (None once it is gone).
_devices = ProcessCache("accounts.otp", maxsize=20_000)


class CachedOTPMiddleware(OTPMiddleware):
    """django-otp's middleware, reading the session's device from the process cache:
    a trigger on the device table moves "accounts.otp", so a device removed or
    reset through any process stops verifying sessions at their next request."""

    def _device_from_persistent_id(self, persistent_id: str):
        load = super()._device_from_persistent_id
        return _devices.get(persistent_id, lambda: load(persistent_id))


class SignInGatesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        gate = blocking_gate(request.user)
        if gate is not None and not self._is_open(request.path, gate):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": str(gate.api_message)}, status=403)
            return redirect_with_next(gate.url_name(request.user), request.get_full_path())
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str, gate) -> bool:
        own = {reverse(name) for name in (*gate.url_names, "accounts:logout")}
        return path.startswith(_OPEN_PREFIXES) or path in own


class GatedTokenAuthentication(AuditedTokenAuthentication):
    """Token authentication that holds every API request to the sign-in gates, as
    SignInGatesMiddleware holds the session's (403 with the gate's message)."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, token = result
        # What django-otp's middleware gives a session user: verified if the token was
        # issued against a code.
        user.is_verified = lambda: token.token_key.startswith(VERIFIED_TOKEN_PREFIX)
        gate = blocking_gate(user)
        if gate is not None:
            raise PermissionDenied(str(gate.token_message))
        return result


def redirect_with_next(url_name: str, next_url: str):
    return redirect(f"{reverse(url_name)}?{urlencode({'next': next_url})}")


def safe_next(request, default: str = "") -> str:
    """The ?next= target when it stays on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default
