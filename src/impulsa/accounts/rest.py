"""REST endpoints for people: users, memberships, the caller's own data, token log-in.

Querysets come from the scoped selectors (a person or membership outside the
caller's reach is 404) and every write goes through accounts/services.py (an
action the caller may not do is 403 with the service's Spanish message).

Token log-in goes through Django's `authenticate(request=...)`, so django-axes
counts failures and locks out exactly as on the log-in page; roles that need
two-factor authentication must also send a current TOTP code.
"""

from django.contrib.auth import authenticate, user_logged_in, user_logged_out
from django.contrib.auth import logout as session_logout
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from knox.auth import TokenAuthentication
from knox.models import get_token_model
from knox.settings import knox_settings
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import PermissionDenied, Throttled, ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from impulsa.accounts import selectors, services
from impulsa.accounts.models import StudentProfile, User
from impulsa.accounts.people_forms import PeopleFilterForm
from impulsa.audit.api import record
from impulsa.org.api import Capability, Institution, Membership, Role, access, has_anywhere
from impulsa.org.api import selectors as org_selectors

# --- Plumbing -------------------------------------------------------------------------


def _manages_people_or_403(user) -> None:
    if not has_anywhere(user, Capability.MANAGE_PEOPLE):
        raise PermissionDenied(_("Tu rol no permite administrar cuentas."))


def _site(request) -> dict:
    return {"domain": request.get_host(), "use_https": request.is_secure()}


# --- Serializers ----------------------------------------------------------------------


class MembershipSerializer(serializers.ModelSerializer):
    user = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=gettext_lazy("Id de la persona.")
    )
    institution = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=gettext_lazy("Id de la institución.")
    )
    institution_name = serializers.CharField(source="institution.name", read_only=True)
    institution_kind = serializers.CharField(
        source="institution.kind",
        read_only=True,
        help_text=gettext_lazy("national, state o campus."),
    )
    role_label = serializers.CharField(
        source="get_role_display", read_only=True, help_text=gettext_lazy("Rol en español.")
    )

    class Meta:
        model = Membership
        fields = [
            "id",
            "user",
            "institution",
            "institution_name",
            "institution_kind",
            "role",
            "role_label",
            "created_at",
        ]
        read_only_fields = fields


class StudentProfileSerializer(serializers.ModelSerializer):
    campus = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=gettext_lazy("Id del plantel.")
    )
    campus_name = serializers.CharField(source="campus.name", read_only=True)
    career = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=gettext_lazy("Id de la carrera.")
    )
    career_name = serializers.CharField(source="career.name", read_only=True)
    group = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text=gettext_lazy("Id del grupo (nulo: sin grupo).")
    )
    group_name = serializers.CharField(source="group.name", read_only=True, allow_null=True)

    class Meta:
        model = StudentProfile
        fields = [
            "matricula",
            "campus",
            "campus_name",
            "career",
            "career_name",
            "group",
            "group_name",
            "semester",
        ]
        read_only_fields = fields


class PersonalDataSerializer(serializers.Serializer):
    curp = serializers.CharField(read_only=True, allow_null=True)
    birth_date = serializers.DateField(read_only=True, allow_null=True)
    phone = serializers.CharField(read_only=True, allow_null=True)
    address = serializers.CharField(read_only=True, allow_null=True)


# A person as the caller may see them: roles only inside the caller's reach; personal
# data only for callers allowed to see it at one of those institutions. (Comments, not
# docstrings: serializer docstrings become the API schema's descriptions.)
class UserSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="get_full_name", read_only=True)
    memberships = serializers.SerializerMethodField(
        help_text=gettext_lazy("Roles de la persona dentro de tu alcance.")
    )
    student_profile = StudentProfileSerializer(
        read_only=True, allow_null=True, help_text=gettext_lazy("Nulo si no es alumno.")
    )
    personal_data = serializers.SerializerMethodField(
        help_text=gettext_lazy(
            "CURP, fecha de nacimiento, teléfono y domicilio; nulo si tu rol no permite verlos."
        )
    )

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "second_last_name",
            "full_name",
            "email",
            "is_active",
            "preferred_language",
            "date_joined",
            "last_login",
            "memberships",
            "student_profile",
            "personal_data",
        ]
        read_only_fields = fields

    @extend_schema_field(MembershipSerializer(many=True))
    def get_memberships(self, person):
        return MembershipSerializer(person.visible_memberships, many=True).data

    @extend_schema_field(PersonalDataSerializer(allow_null=True))
    def get_personal_data(self, person):
        allowed = self.context.get("personal_data_institutions", frozenset())
        if not any(m.institution_id in allowed for m in person.visible_memberships):
            return None
        return PersonalDataSerializer(person).data


class UserCreatedSerializer(UserSerializer):
    temporary_password = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text=gettext_lazy("Solo si password_mode es «temporary»: se muestra esta única vez."),
    )

    class Meta(UserSerializer.Meta):
        fields = [*UserSerializer.Meta.fields, "temporary_password"]
        read_only_fields = fields


class UserCreateSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    second_last_name = serializers.CharField(
        max_length=150, required=False, default="", allow_blank=True
    )
    email = serializers.EmailField(required=False, default="", allow_blank=True)
    curp = serializers.CharField(max_length=18, required=False, default="", allow_blank=True)
    institution = serializers.PrimaryKeyRelatedField(
        queryset=Institution.objects.none(),
        help_text=gettext_lazy("Id de la institución del primer rol."),
    )
    # Every role is a valid value (one enum in the schema); the service refuses
    # "student", whose accounts come from the student import.
    role = serializers.ChoiceField(choices=Role.choices)
    password_mode = serializers.ChoiceField(
        choices=services.PasswordMode.ALL,
        default=services.PasswordMode.EMAIL,
        help_text=gettext_lazy(
            "email: se envía un enlace para elegir contraseña; temporary: la respuesta trae "
            "una contraseña temporal."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")  # absent while the schema is generated
        if request is not None:
            self.fields["institution"].queryset = org_selectors.institutions(
                request.user, Capability.VIEW_PEOPLE
            )


class MembershipCreateSerializer(serializers.Serializer):
    user = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(), help_text=gettext_lazy("Id de la persona.")
    )
    institution = serializers.PrimaryKeyRelatedField(
        queryset=Institution.objects.none(), help_text=gettext_lazy("Id de la institución.")
    )
    role = serializers.ChoiceField(choices=Role.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")  # absent while the schema is generated
        if request is not None:
            self.fields["user"].queryset = selectors.people(request.user)
            self.fields["institution"].queryset = org_selectors.institutions(
                request.user, Capability.VIEW_PEOPLE
            )


# The caller's own account: every role, and their own personal data.
class MeSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="get_full_name", read_only=True)
    memberships = serializers.SerializerMethodField()
    student_profile = serializers.SerializerMethodField()
    personal_data = PersonalDataSerializer(source="*", read_only=True)
    requires_two_factor = serializers.SerializerMethodField(
        help_text=gettext_lazy("Si tu rol pide un código de verificación al entrar.")
    )

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "second_last_name",
            "full_name",
            "email",
            "preferred_language",
            "memberships",
            "student_profile",
            "personal_data",
            "requires_two_factor",
        ]
        read_only_fields = fields

    @extend_schema_field(MembershipSerializer(many=True))
    def get_memberships(self, user):
        return MembershipSerializer(access.memberships(user), many=True).data

    @extend_schema_field(StudentProfileSerializer(allow_null=True))
    def get_student_profile(self, user):
        profile = selectors.own_student_profile(user)
        return StudentProfileSerializer(profile).data if profile else None

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_requires_two_factor(self, user) -> bool:
        return access.requires_two_factor(user)


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


_ERROR = inline_serializer(
    "ErrorDetail",
    fields={
        "detail": serializers.CharField(),
        "field": serializers.CharField(required=False),
    },
)

# --- People ---------------------------------------------------------------------------

_PEOPLE_FILTERS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description=gettext_lazy(
            "Busca en nombre, usuario, matrícula y correo; una CURP válida se busca exacta "
            "(solo entre personas cuyos datos personales puedes ver)."
        ),
    ),
    OpenApiParameter(
        "institution",
        OpenApiTypes.INT,
        description=gettext_lazy("Personas con un rol en esa institución o debajo de ella."),
    ),
    OpenApiParameter("role", OpenApiTypes.STR, enum=Role.values, description=gettext_lazy("Rol.")),
    OpenApiParameter(
        "career", OpenApiTypes.INT, description=gettext_lazy("Alumnos de esa carrera.")
    ),
    OpenApiParameter("group", OpenApiTypes.INT, description=gettext_lazy("Alumnos de ese grupo.")),
    OpenApiParameter(
        "semester", OpenApiTypes.INT, enum=[1, 2, 3, 4, 5, 6], description=gettext_lazy("Semestre.")
    ),
    OpenApiParameter(
        "active",
        OpenApiTypes.STR,
        enum=["1", "0"],
        description=gettext_lazy("1: cuentas activas; 0: desactivadas."),
    ),
]


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Personas a tu alcance"),
        description=gettext_lazy(
            "Personas con algún rol en las instituciones donde puedes ver personas."
        ),
        parameters=_PEOPLE_FILTERS,
    ),
    retrieve=extend_schema(summary=gettext_lazy("Una persona")),
    create=extend_schema(
        summary=gettext_lazy("Crear una cuenta de personal"),
        description=gettext_lazy(
            "Crea la cuenta con su primer rol. Los alumnos se dan de alta con la importación."
        ),
        request=UserCreateSerializer,
        responses={
            201: UserCreatedSerializer,
            400: _ERROR,
            403: _ERROR,
            409: _ERROR,
        },
    ),
)
class UserViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = UserSerializer
    lookup_url_kwarg = "user_id"
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if self.action == "list":
            return selectors.search_people(self.request.user, self._criteria())
        return selectors.people_with_details(self.request.user)

    def _criteria(self) -> selectors.PeopleFilter:
        params = self.request.query_params
        form = PeopleFilterForm(params or None, viewer=self.request.user)
        if not form.is_bound:
            return selectors.PeopleFilter()
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        return form.criteria()

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["personal_data_institutions"] = access.institution_ids(
            self.request.user, Capability.VIEW_PERSONAL_DATA
        )
        return context

    def create(self, request, *args, **kwargs):
        _manages_people_or_403(request.user)
        serializer = UserCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        account = services.create_staff_user(
            actor=request.user, **serializer.validated_data, **_site(request)
        )
        user = selectors.people_with_details(request.user).get(pk=account.user.pk)
        user.temporary_password = account.temporary_password
        body = UserCreatedSerializer(user, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)


# --- Memberships ----------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Roles a tu alcance"),
        parameters=[
            OpenApiParameter(
                "user", OpenApiTypes.INT, description=gettext_lazy("Id de la persona.")
            ),
            OpenApiParameter(
                "institution", OpenApiTypes.INT, description=gettext_lazy("Id de la institución.")
            ),
            OpenApiParameter(
                "role", OpenApiTypes.STR, enum=Role.values, description=gettext_lazy("Rol.")
            ),
        ],
    ),
    retrieve=extend_schema(summary=gettext_lazy("Un rol")),
    create=extend_schema(
        summary=gettext_lazy("Asignar un rol"),
        request=MembershipCreateSerializer,
        responses={201: MembershipSerializer, 400: _ERROR, 403: _ERROR, 409: _ERROR},
    ),
    destroy=extend_schema(
        summary=gettext_lazy("Retirar un rol"),
        responses={204: None, 400: _ERROR, 403: _ERROR},
    ),
)
class MembershipViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = MembershipSerializer
    lookup_url_kwarg = "membership_id"
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        queryset = org_selectors.memberships(self.request.user).order_by(
            "institution__path", "role", "pk"
        )
        if self.action != "list":
            return queryset
        params = self.request.query_params
        for name in ("user", "institution"):
            raw = params.get(name, "").strip()
            if raw:
                if not raw.isdigit():
                    raise ValidationError({name: [_("Debe ser un número entero.")]})
                queryset = queryset.filter(**{f"{name}_id": int(raw)})
        role = params.get("role", "").strip()
        if role:
            if role not in Role.values:
                raise ValidationError({"role": [_("Rol desconocido.")]})
            queryset = queryset.filter(role=role)
        return queryset

    def create(self, request, *args, **kwargs):
        _manages_people_or_403(request.user)
        serializer = MembershipCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        membership = services.grant_role(actor=request.user, **serializer.validated_data)
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.revoke_role(actor=self.request.user, membership=instance)


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
            "Tras varios intentos fallidos la cuenta se bloquea temporalmente."
        ),
        request=TokenRequestSerializer,
        responses={
            200: TokenResponseSerializer,
            400: OpenApiResponse(_ERROR, description=gettext_lazy("Datos incorrectos.")),
            429: OpenApiResponse(
                _ERROR, description=gettext_lazy("Demasiados intentos o cuenta bloqueada.")
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
                return _error(
                    _(
                        "La cuenta quedó bloqueada por demasiados intentos fallidos. "
                        "Espera 15 minutos o pide ayuda a la administración de tu plantel."
                    ),
                    status.HTTP_429_TOO_MANY_REQUESTS,
                )
            return _error(
                _(
                    "Usuario o contraseña incorrectos. Recuerda que la contraseña distingue "
                    "mayúsculas y minúsculas."
                ),
                status.HTTP_400_BAD_REQUEST,
            )
        refusal = _second_factor_refusal(request, user, data.get("otp", ""))
        if refusal is not None:
            return refusal
        instance, token = get_token_model().objects.create(
            user=user, expiry=knox_settings.TOKEN_TTL
        )
        user_logged_in.send(sender=user.__class__, request=request, user=user)
        body = TokenResponseSerializer({"token": token, "expiry": instance.expiry, "user": user})
        return Response(body.data)


def _error(message: str, status_code: int, field: str | None = None) -> Response:
    body = {"detail": message}
    if field:
        body["field"] = field
    return Response(body, status=status_code)


def _second_factor_refusal(request, user, code: str) -> Response | None:
    """None when the user's roles need no second factor or `code` is a current TOTP
    code of their confirmed authenticator; otherwise the 400 answer."""
    if not access.requires_two_factor(user):
        return None
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return _error(
            _(
                "Tu rol requiere verificación en dos pasos. Entra primero a Impulsa en el "
                "navegador para configurar tu aplicación autenticadora."
            ),
            status.HTTP_400_BAD_REQUEST,
            "otp",
        )
    code = (code or "").strip()
    if not code:
        return _error(
            _("Tu rol requiere el código de verificación de 6 dígitos (campo «otp»)."),
            status.HTTP_400_BAD_REQUEST,
            "otp",
        )
    allowed, _info = device.verify_is_allowed()
    if not allowed:
        return _error(
            _("Demasiados códigos incorrectos; espera un momento."),
            status.HTTP_429_TOO_MANY_REQUESTS,
            "otp",
        )
    if not code.isdigit() or not device.verify_token(code):
        record(actor=user, instance=user, event="2fa_failed", request=request)
        return _error(
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


def register(router):
    router.register("users", UserViewSet, basename="user")
    router.register("memberships", MembershipViewSet, basename="membership")


urlpatterns = [
    path("auth/token/", TokenLoginView.as_view(), name="api-token"),
    path("auth/logout/", TokenLogoutView.as_view(), name="api-logout"),
    path("me/", MeView.as_view(), name="api-me"),
]
