"""REST endpoints of the caller's own session: token log-in and log-out, and `me`.

Token log-in goes through Django's `authenticate(request=...)`, so django-axes
counts failures and locks out exactly as on the log-in page; roles that need
two-factor authentication must also send a current TOTP code, and a person with a
temporary password gets no token until they choose their own (in the browser).
Tokens then meet the sign-in gates on every request (accounts/signin/gates.py), and all of
a person's tokens are revoked when their password changes (accounts/services.py).
"""

from django.contrib.auth import authenticate, user_logged_in, user_logged_out
from django.contrib.auth import logout as session_logout
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from knox.auth import TokenAuthentication
from knox.models import get_token_model
from knox.settings import knox_settings
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from impulsa.accounts import selectors
from impulsa.accounts.people.rest import (
    MembershipSerializer,
    PersonalDataSerializer,
    PersonSerializer,
    StudentProfileSerializer,
)
from impulsa.accounts.signin.gates import VERIFIED_TOKEN_PREFIX, TemporaryPasswordGate
from impulsa.audit.api import record
from impulsa.core.rest import ERROR, error_response
from impulsa.org.api import requires_two_factor, user_memberships

# --- Serializers ----------------------------------------------------------------------


# The caller's own account: every role, and their own personal data.
class MeSerializer(PersonSerializer):
    memberships = serializers.SerializerMethodField()
    student_profile = serializers.SerializerMethodField()
    personal_data = PersonalDataSerializer(source="*", read_only=True)
    requires_two_factor = serializers.SerializerMethodField(
        help_text=gettext_lazy("Si tu rol pide un código de verificación al entrar.")
    )

    class Meta(PersonSerializer.Meta):
        fields = [
            *PersonSerializer.Meta.fields,
            "preferred_language",
            "memberships",
            "student_profile",
            "personal_data",
            "requires_two_factor",
        ]
        read_only_fields = fields

    @extend_schema_field(MembershipSerializer(many=True))
    def get_memberships(self, user):
        return MembershipSerializer(user_memberships(user), many=True).data

    @extend_schema_field(StudentProfileSerializer(allow_null=True))
    def get_student_profile(self, user):
        profile = selectors.own_student_profile(user)
        return StudentProfileSerializer(profile).data if profile else None

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_requires_two_factor(self, user) -> bool:
        return requires_two_factor(user)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, help_text=gettext_lazy("Usuario o matrícula."))
    password = serializers.CharField(
        max_length=256, trim_whitespace=False, style={"input_type": "password"}
    )
    otp = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=6,
        help_text=gettext_lazy(
            "Código de 6 dígitos de la aplicación autenticadora; obligatorio para los roles "
            "de administración."
        ),
    )


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(
        help_text=gettext_lazy("Envíalo en cada petición: «Authorization: Token <token>».")
    )
    expiry = serializers.DateTimeField(allow_null=True, help_text=gettext_lazy("Cuándo caduca."))
    user = MeSerializer()


# --- The caller -----------------------------------------------------------------------


class MeView(APIView):
    @extend_schema(
        summary=gettext_lazy("Mi cuenta"),
        description=gettext_lazy(
            "Tus datos, todos tus roles, tu perfil de alumno (si lo eres) y tus datos personales."
        ),
        responses=MeSerializer,
    )
    def get(self, request):
        return Response(MeSerializer(request.user).data)


# --- Token log-in and log-out ---------------------------------------------------------


class TokenLoginView(APIView):
    """Exchange username + password (+ TOTP code for admin roles) for an API token."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_classes = (ScopedRateThrottle,)
    throttle_scope = "token_login"

    def throttled(self, request, wait):
        raise Throttled(
            wait=wait,
            detail=_(
                "Demasiados intentos de inicio de sesión; espera un minuto e inténtalo de nuevo."
            ),
        )

    @extend_schema(
        summary=gettext_lazy("Obtener un token"),
        description=gettext_lazy(
            "Cambia usuario y contraseña por un token de API. Los roles de administración "
            "envían además el código de 6 dígitos de su aplicación autenticadora (otp). "
            "Tras varios intentos fallidos la cuenta se bloquea temporalmente. Con una "
            "contraseña temporal no se entrega token (403): cámbiala antes en el navegador. "
            "Cambiar la contraseña revoca todos tus tokens, y si tu rol pasa a requerir "
            "verificación en dos pasos, los tokens obtenidos sin código dejan de servir (403)."
        ),
        request=TokenRequestSerializer,
        responses={
            200: TokenResponseSerializer,
            400: OpenApiResponse(ERROR, description=gettext_lazy("Datos incorrectos.")),
            403: OpenApiResponse(
                ERROR,
                description=gettext_lazy(
                    "Tu contraseña es temporal: cámbiala en el navegador antes de pedir un token."
                ),
            ),
            429: OpenApiResponse(
                ERROR, description=gettext_lazy("Demasiados intentos o cuenta bloqueada.")
            ),
        },
        auth=[],
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = authenticate(request=request, username=data["username"], password=data["password"])
        if user is None:
            if getattr(request, "axes_locked_out", False):
                return error_response(
                    _(
                        "La cuenta quedó bloqueada por demasiados intentos fallidos. "
                        "Espera 15 minutos o pide ayuda a la administración de tu plantel."
                    ),
                    status.HTTP_429_TOO_MANY_REQUESTS,
                )
            return error_response(
                _(
                    "Usuario o contraseña incorrectos. Recuerda que la contraseña distingue "
                    "mayúsculas y minúsculas."
                ),
                status.HTTP_400_BAD_REQUEST,
            )
        refusal = _second_factor_refusal(request, user, data.get("otp", ""))
        if refusal is not None:
            return refusal
        if TemporaryPasswordGate().blocks(user):
            return error_response(
                str(TemporaryPasswordGate.token_message), status.HTTP_403_FORBIDDEN
            )
        instance, token = get_token_model().objects.create(
            user=user,
            expiry=knox_settings.TOKEN_TTL,
            # The mark that lets the token through the 2FA gate (see gates.py).
            prefix=VERIFIED_TOKEN_PREFIX if requires_two_factor(user) else None,
        )
        user_logged_in.send(sender=user.__class__, request=request, user=user)
        body = TokenResponseSerializer({"token": token, "expiry": instance.expiry, "user": user})
        return Response(body.data)


def _second_factor_refusal(request, user, code: str) -> Response | None:
    """None when the user's roles need no second factor or `code` is a current TOTP
    code of their confirmed authenticator; otherwise the 400 answer."""
    if not requires_two_factor(user):
        return None
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return error_response(
            _(
                "Tu rol requiere verificación en dos pasos. Entra primero a Impulsa en el "
                "navegador para configurar tu aplicación autenticadora."
            ),
            status.HTTP_400_BAD_REQUEST,
            "otp",
        )
    code = (code or "").strip()
    if not code:
        return error_response(
            _("Tu rol requiere el código de verificación de 6 dígitos (campo «otp»)."),
            status.HTTP_400_BAD_REQUEST,
            "otp",
        )
    allowed, _info = device.verify_is_allowed()
    if not allowed:
        return error_response(
            _("Demasiados códigos incorrectos; espera un momento."),
            status.HTTP_429_TOO_MANY_REQUESTS,
            "otp",
        )
    if not code.isdigit() or not device.verify_token(code):
        record(actor=user, instance=user, event="2fa_failed", request=request)
        return error_response(
            _("El código de verificación no es correcto o ya caducó."),
            status.HTTP_400_BAD_REQUEST,
            "otp",
        )
    return None


class TokenLogoutView(APIView):
    """Revoke the token the request came with (or end the web session)."""

    authentication_classes = (TokenAuthentication, SessionAuthentication)
    permission_classes = (IsAuthenticated,)

    @extend_schema(
        summary=gettext_lazy("Cerrar sesión (revocar el token)"),
        description=gettext_lazy(
            "Revoca el token con el que llega la petición; con la sesión web, la cierra."
        ),
        request=None,
        responses={204: None},
    )
    def post(self, request):
        if isinstance(request.auth, get_token_model()):
            request.auth.delete()
            user_logged_out.send(sender=request.user.__class__, request=request, user=request.user)
        else:
            session_logout(request._request)  # sends user_logged_out itself
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("auth/token/", TokenLoginView.as_view(), name="api-token"),
    path("auth/logout/", TokenLogoutView.as_view(), name="api-logout"),
    path("me/", MeView.as_view(), name="api-me"),
]
