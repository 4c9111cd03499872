"""REST endpoints for people: users and their memberships (roles).

Querysets come from the scoped selectors (a person or membership outside the
caller's reach is 404) and every write goes through accounts/services.py (an
action the caller may not do is 403 with the service's Spanish message). The
caller's own account and token log-in are in signin/rest.py.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from impulsa.accounts import selectors, services
from impulsa.accounts.models import StudentProfile, User
from impulsa.accounts.people.forms import PeopleFilterForm
from impulsa.core.net import link_site
from impulsa.core.rest import ERROR, ScopedPrimaryKeyRelatedField, id_filter
from impulsa.org.api import (
    Capability,
    Institution,
    Membership,
    Role,
    has_anywhere,
    institution_ids,
    reachable_institutions,
)

# --- Plumbing -------------------------------------------------------------------------


def manages_people_or_403(user) -> None:
    if not has_anywhere(user, Capability.MANAGE_PEOPLE):
        raise PermissionDenied(_("Tu rol no permite administrar cuentas."))


def institutions_with_people(user):
    return reachable_institutions(user, Capability.VIEW_PEOPLE)


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


# What every view of a person starts with. (Comments, not docstrings: serializer
# docstrings become the API schema's descriptions.)
class PersonSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="get_full_name", read_only=True)

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
        ]
        read_only_fields = fields


# A person as the caller may see them: roles only inside the caller's reach; personal
# data only for callers allowed to see it at one of those institutions.
class UserSerializer(PersonSerializer):
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

    class Meta(PersonSerializer.Meta):
        fields = [
            *PersonSerializer.Meta.fields,
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
    institution = ScopedPrimaryKeyRelatedField(
        scope=institutions_with_people,
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


# --- People ---------------------------------------------------------------------------

_ID_FILTERS = ("institution", "career", "group")
ROLE_FILTER = OpenApiParameter(
    "role", OpenApiTypes.STR, enum=Role.values, description=gettext_lazy("Rol.")
)
_PEOPLE_FILTERS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        description=gettext_lazy(
            "Busca en nombre, usuario, matrícula y correo; una CURP válida se busca exacta "
            "(solo entre personas cuyos datos personales puedes ver)."
        ),
    ),
    id_filter(
        "institution",
        gettext_lazy("Personas con un rol en esa institución o debajo de ella."),
    ),
    ROLE_FILTER,
    id_filter("career", gettext_lazy("Alumnos de esa carrera.")),
    id_filter("group", gettext_lazy("Alumnos de ese grupo.")),
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
            400: ERROR,
            403: ERROR,
            409: ERROR,
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
            criteria = self._criteria()
            found = selectors.search_people(self.request.user, criteria or selectors.PeopleFilter())
            return found if criteria is not None else found.none()
        return selectors.people_with_details(self.request.user)

    def _criteria(self) -> selectors.PeopleFilter | None:
        """The list's filters; None when an id filter names nothing in the caller's
        reach (an empty list, as the other lists answer, rather than a 400)."""
        params = self.request.query_params
        form = PeopleFilterForm(params or None, viewer=self.request.user)
        if not form.is_bound:
            return selectors.PeopleFilter()
        if form.is_valid():
            return form.criteria()
        if all(
            name in _ID_FILTERS
            and params.get(name, "").isdigit()
            and all(e.code == "invalid_choice" for e in field_errors)
            for name, field_errors in form.errors.as_data().items()
        ):
            return None
        raise ValidationError({name: list(errors) for name, errors in form.errors.items()})

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["personal_data_institutions"] = institution_ids(
            self.request.user, Capability.VIEW_PERSONAL_DATA
        )
        return context

    def create(self, request, *args, **kwargs):
        manages_people_or_403(request.user)
        serializer = UserCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        account = services.create_staff_user(
            actor=request.user, **serializer.validated_data, **link_site(request)
        )
        user = selectors.people_with_details(request.user).get(pk=account.user.pk)
        user.temporary_password = account.temporary_password
        body = UserCreatedSerializer(user, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)


def register(router):
    # Imported here: the memberships' module builds on this one's serializers.
    from impulsa.accounts.people.membership_rest import MembershipViewSet

    router.register("users", UserViewSet, basename="user")
    router.register("memberships", MembershipViewSet, basename="membership")
