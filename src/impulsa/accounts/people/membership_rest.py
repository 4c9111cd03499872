"""REST: the roles people hold (/api/v1/memberships/), granted and taken away
through org's one membership service."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from impulsa.accounts import selectors
from impulsa.accounts.models import User
from impulsa.accounts.people.rest import (
    ROLE_FILTER,
    MembershipSerializer,
    institutions_with_people,
    manages_people_or_403,
)
from impulsa.core.rest import ERROR, ScopedPrimaryKeyRelatedField, filter_by_ids, id_filter
from impulsa.org.api import (
    Institution,
    Role,
    grant_membership,
    reachable_memberships,
    revoke_membership,
)


class MembershipCreateSerializer(serializers.Serializer):
    user = ScopedPrimaryKeyRelatedField(
        scope=selectors.people,
        queryset=User.objects.none(),
        help_text=gettext_lazy("Id de la persona."),
    )
    institution = ScopedPrimaryKeyRelatedField(
        scope=institutions_with_people,
        queryset=Institution.objects.none(),
        help_text=gettext_lazy("Id de la institución."),
    )
    role = serializers.ChoiceField(choices=Role.choices)


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Roles a tu alcance"),
        parameters=[
            id_filter("user", gettext_lazy("Id de la persona.")),
            id_filter("institution", gettext_lazy("Id de la institución.")),
            ROLE_FILTER,
        ],
    ),
    retrieve=extend_schema(summary=gettext_lazy("Un rol")),
    create=extend_schema(
        summary=gettext_lazy("Asignar un rol"),
        request=MembershipCreateSerializer,
        responses={201: MembershipSerializer, 400: ERROR, 403: ERROR, 409: ERROR},
    ),
    destroy=extend_schema(
        summary=gettext_lazy("Retirar un rol"),
        responses={204: None, 400: ERROR, 403: ERROR},
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
        queryset = reachable_memberships(self.request.user).order_by(
            "institution__path", "role", "pk"
        )
        if self.action != "list":
            return queryset
        queryset = filter_by_ids(self, queryset, "user", "institution")
        role = self.request.query_params.get("role", "").strip()
        if role:
            if role not in Role.values:
                raise ValidationError({"role": [_("Rol desconocido.")]})
            queryset = queryset.filter(role=role)
        return queryset

    def create(self, request, *args, **kwargs):
        manages_people_or_403(request.user)
        serializer = MembershipCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        membership = grant_membership(actor=request.user, **serializer.validated_data)
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        revoke_membership(actor=self.request.user, membership=instance)
