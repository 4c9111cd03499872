"""Read-only REST endpoints for the institution tree, careers, groups and periods.

Every queryset comes from org.selectors, so a caller sees exactly what the staff
pages show them; objects outside their reach are 404.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from impulsa.core.rest import filter_by_ids, id_filter
from impulsa.org import selectors
from impulsa.org.models import AcademicPeriod, Career, Group, Institution
from impulsa.org.roles import Kind


class InstitutionSerializer(serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text=_("Id de la institución superior (nulo: oficina nacional)."),
    )
    depth = serializers.SerializerMethodField(
        help_text=_("Profundidad en el árbol: 1 nacional, 2 colegio estatal, 3 plantel.")
    )
    logo_url = serializers.SerializerMethodField(help_text=_("Logotipo propio (vacío si no hay)."))
    effective_display_name = serializers.SerializerMethodField(
        help_text=_("Nombre a mostrar que se usa: el propio o el heredado.")
    )
    effective_logo_url = serializers.SerializerMethodField(
        help_text=_("Logotipo que se usa: el propio o el heredado (vacío si ninguno).")
    )
    effective_primary_color = serializers.SerializerMethodField(
        help_text=_("Color principal que se usa: el propio o el heredado.")
    )

    class Meta:
        model = Institution
        fields = [
            "id",
            "kind",
            "code",
            "name",
            "short_name",
            "is_active",
            "parent",
            "depth",
            "display_name",
            "logo_url",
            "primary_color",
            "custom_domain",
            "effective_display_name",
            "effective_logo_url",
            "effective_primary_color",
        ]
        read_only_fields = fields

    def _branding(self, institution) -> selectors.EffectiveBranding:
        known = self.context.setdefault("effective_branding", {})
        if institution.pk not in known:
            known.update(selectors.effective_branding([institution]))
        return known[institution.pk]

    @extend_schema_field(OpenApiTypes.INT)
    def get_depth(self, institution) -> int:
        return len(institution.ancestor_ids)

    @extend_schema_field(OpenApiTypes.STR)
    def get_logo_url(self, institution) -> str:
        return institution.logo.url if institution.logo else ""

    @extend_schema_field(OpenApiTypes.STR)
    def get_effective_display_name(self, institution) -> str:
        return self._branding(institution).display_name.value

    @extend_schema_field(OpenApiTypes.STR)
    def get_effective_logo_url(self, institution) -> str:
        return self._branding(institution).logo_url.value

    @extend_schema_field(OpenApiTypes.STR)
    def get_effective_primary_color(self, institution) -> str:
        return self._branding(institution).primary_color.value


class CareerSerializer(serializers.ModelSerializer):
    campus = serializers.PrimaryKeyRelatedField(read_only=True, help_text=_("Id del plantel."))

    class Meta:
        model = Career
        fields = ["id", "campus", "code", "name", "is_active"]
        read_only_fields = fields


class GroupSerializer(serializers.ModelSerializer):
    campus = serializers.PrimaryKeyRelatedField(read_only=True, help_text=_("Id del plantel."))
    period = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=_("Id del periodo escolar.")
    )
    period_code = serializers.CharField(source="period.code", read_only=True)
    career = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text=_("Id de la carrera (nulo: tronco común)."),
    )

    class Meta:
        model = Group
        fields = ["id", "campus", "period", "period_code", "career", "name", "semester", "shift"]
        read_only_fields = fields


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = AcademicPeriod
        fields = ["id", "code", "starts_on", "ends_on", "is_current"]
        read_only_fields = fields


_INSTITUTIONS = _(
    "Instituciones a tu alcance (la oficina nacional, los colegios estatales y los planteles), "
    "en orden jerárquico, con su identidad visual propia y la que usan (propia o heredada)."
)
_CAREERS = _("Carreras de los planteles a tu alcance.")
_GROUPS = _("Grupos de los planteles a tu alcance, del periodo más reciente al más antiguo.")
_PERIODS = _(
    "El calendario escolar nacional; lo consulta quien puede ver la estructura institucional."
)


@extend_schema_view(
    list=extend_schema(
        summary=_("Instituciones a tu alcance"),
        description=_INSTITUTIONS,
        parameters=[
            OpenApiParameter(
                "kind",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                enum=Kind.values,
                description=_("Solo este tipo: national, state o campus."),
            ),
            id_filter("parent", _("Solo las que dependen directamente de esta institución.")),
            OpenApiParameter(
                "q",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                description=_("Texto en el nombre, nombre corto o clave."),
            ),
        ],
    ),
    retrieve=extend_schema(summary=_("Una institución"), description=_INSTITUTIONS),
)
class InstitutionViewSet(viewsets.ReadOnlyModelViewSet):
    """The institution tree (national office, state colleges, campuses) in tree order."""

    serializer_class = InstitutionSerializer
    queryset = Institution.objects.none()  # for the schema; requests use get_queryset()
    lookup_url_kwarg = "institution_id"

    def get_queryset(self):
        queryset = selectors.institutions(self.request.user).order_by("path")
        if self.action != "list":
            return queryset
        kind = self.request.query_params.get("kind", "").strip()
        if kind:
            if kind not in Kind.values:
                raise ValidationError({"kind": [_("Usa national, state o campus.")]})
            queryset = queryset.filter(kind=kind)
        queryset = filter_by_ids(self, queryset, "parent")
        return selectors.matching(queryset, self.request.query_params.get("q", ""))

    def get_serializer(self, *args, **kwargs):
        # Resolve the branding of a whole page (and its ancestors) in one query.
        if args and isinstance(args[0], list | tuple):
            context = self.get_serializer_context()
            context["effective_branding"] = selectors.effective_branding(args[0])
            kwargs["context"] = context
        return super().get_serializer(*args, **kwargs)


@extend_schema_view(
    list=extend_schema(
        summary=_("Carreras a tu alcance"),
        description=_CAREERS,
        parameters=[id_filter("campus", _("Solo las carreras de este plantel."))],
    ),
    retrieve=extend_schema(summary=_("Una carrera"), description=_CAREERS),
)
class CareerViewSet(viewsets.ReadOnlyModelViewSet):
    """Careers offered by the campuses within the caller's reach."""

    serializer_class = CareerSerializer
    queryset = Career.objects.none()
    lookup_url_kwarg = "career_id"

    def get_queryset(self):
        queryset = selectors.careers(self.request.user).order_by("campus__path", "name", "pk")
        return filter_by_ids(self, queryset, "campus")


@extend_schema_view(
    list=extend_schema(
        summary=_("Grupos a tu alcance"),
        description=_GROUPS,
        parameters=[
            id_filter("campus", _("Solo los grupos de este plantel.")),
            id_filter("period", _("Solo los grupos de este periodo escolar.")),
        ],
    ),
    retrieve=extend_schema(summary=_("Un grupo"), description=_GROUPS),
)
class GroupViewSet(viewsets.ReadOnlyModelViewSet):
    """Groups of the campuses within the caller's reach."""

    serializer_class = GroupSerializer
    queryset = Group.objects.none()
    lookup_url_kwarg = "group_id"

    def get_queryset(self):
        queryset = selectors.groups(self.request.user).order_by("-period__code", "name", "pk")
        return filter_by_ids(self, queryset, "campus", "period")


@extend_schema_view(
    list=extend_schema(summary=_("Periodos escolares"), description=_PERIODS),
    retrieve=extend_schema(summary=_("Un periodo escolar"), description=_PERIODS),
)
class PeriodViewSet(viewsets.ReadOnlyModelViewSet):
    """The national school calendar, for callers who read the structure."""

    serializer_class = PeriodSerializer
    queryset = AcademicPeriod.objects.none()
    lookup_url_kwarg = "period_id"

    def get_queryset(self):
        return selectors.periods(self.request.user).order_by("-code")


def register(router):
    router.register("institutions", InstitutionViewSet, basename="institution")
    router.register("careers", CareerViewSet, basename="career")
    router.register("groups", GroupViewSet, basename="group")
    router.register("periods", PeriodViewSet, basename="period")
