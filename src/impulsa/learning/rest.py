"""REST endpoints for courses and enrollments, and the xAPI statements of one
enrollment.

Querysets come from learning's scoped selectors (a course not offered to the
caller, or an enrollment of a campus they do not follow, is 404); enrolling goes
through enrollment/services.py, whose refusals arrive as 400/403/409 with their
Spanish message.
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
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from impulsa.accounts.api import User, reachable_students
from impulsa.core.rest import ERROR, ScopedPrimaryKeyRelatedField, filter_by_ids, id_filter
from impulsa.learning.enrollment import selectors
from impulsa.learning.enrollment import services as enrollments
from impulsa.learning.events.xapi import statements_of
from impulsa.learning.models import Course, Enrollment, EnrollmentStatus, LearningEvent, Program
from impulsa.org.api import Capability, has_anywhere


def _enrollable_courses(user):
    return selectors.offered_courses(user, Capability.MANAGE_ENROLLMENT)


def _managed_students(user):
    return User.objects.filter(
        pk__in=reachable_students(user, Capability.MANAGE_ENROLLMENT).values("user_id")
    )


# --- Serializers ----------------------------------------------------------------------


class CourseSerializer(serializers.ModelSerializer):
    published_version = serializers.SerializerMethodField(
        help_text=gettext_lazy("Número de la versión publicada; nulo: contenido en preparación.")
    )

    class Meta:
        model = Course
        fields = [
            "id",
            "code",
            "program",
            "number",
            "name",
            "semester",
            "area",
            "description",
            "published_version",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_published_version(self, course) -> int | None:
        return course.published.number if course.published_id else None


class EnrollmentSerializer(serializers.ModelSerializer):
    student = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=gettext_lazy("Id de la cuenta del alumno.")
    )
    matricula = serializers.CharField(
        source="student.student_profile.matricula", read_only=True, allow_null=True
    )
    student_name = serializers.CharField(source="student.get_full_name", read_only=True)
    course = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=gettext_lazy("Id del curso.")
    )
    campus = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=gettext_lazy("Id del plantel del alumno al inscribirse.")
    )
    version = serializers.IntegerField(
        source="version.number", read_only=True, help_text=gettext_lazy("Versión que cursa.")
    )

    class Meta:
        model = Enrollment
        fields = [
            "id",
            "student",
            "matricula",
            "student_name",
            "course",
            "campus",
            "version",
            "source",
            "reason",
            "status",
            "due_on",
            "created_at",
            "ended_at",
            "last_seen_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "ended_at": {"help_text": gettext_lazy("Cuándo dejó de estar activa; nulo si sigue.")}
        }


class EnrollmentCreateSerializer(serializers.Serializer):
    student = ScopedPrimaryKeyRelatedField(
        scope=_managed_students,
        queryset=User.objects.none(),
        help_text=gettext_lazy("Id de la cuenta de un alumno que inscribes."),
    )
    course = ScopedPrimaryKeyRelatedField(
        scope=_enrollable_courses,
        queryset=Course.objects.none(),
        help_text=gettext_lazy("Id de un curso que se ofrece en tu institución."),
    )
    reason = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)


# Statements are plain JSON objects shaped by the xAPI 1.0.3 specification.
class StatementSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    actor = serializers.JSONField(help_text=gettext_lazy("Cuenta del actor (id, sin nombre)."))
    verb = serializers.JSONField()
    object = serializers.JSONField()
    context = serializers.JSONField()
    result = serializers.JSONField(required=False)
    timestamp = serializers.DateTimeField()


class StatementPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = StatementSerializer(many=True)


class StatementPagination(PageNumberPagination):
    page_size = 500


# --- Viewsets -------------------------------------------------------------------------

_COURSES = gettext_lazy(
    "Cursos que se ofrecen donde sigues o inscribes alumnos: el catálogo nacional "
    "(Propedéutico y Asesorías) y los cursos de tu colegio estatal."
)
_ENROLLMENTS = gettext_lazy(
    "Inscripciones de alumnos de los planteles que sigues. Un alumno tiene a lo más una "
    "inscripción activa por curso; las bajas y los cursos terminados quedan como historial "
    "y volver a inscribirlo crea una inscripción nueva."
)


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Cursos ofrecidos"),
        description=_COURSES,
        parameters=[
            OpenApiParameter(
                "program",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                enum=Program.values,
                description=gettext_lazy("Solo los de este programa."),
            )
        ],
    ),
    retrieve=extend_schema(summary=gettext_lazy("Un curso"), description=_COURSES),
)
class CourseViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CourseSerializer
    queryset = Course.objects.none()
    lookup_url_kwarg = "course_id"
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        queryset = (
            selectors.followed_courses(self.request.user)
            .defer("published__outline")
            .order_by("program", "semester", "number", "name", "pk")
        )
        program = self.request.query_params.get("program", "").strip()
        if self.action == "list" and program:
            if program not in Program.values:
                raise ValidationError({"program": [_("Programa desconocido.")]})
            queryset = queryset.filter(program=program)
        return queryset


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Inscripciones a tu alcance"),
        description=_ENROLLMENTS,
        parameters=[
            id_filter("course", gettext_lazy("Solo las de este curso.")),
            id_filter("student", gettext_lazy("Solo las de este alumno (su historial).")),
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                enum=EnrollmentStatus.values,
                description=gettext_lazy("Solo las que están en este estado."),
            ),
        ],
    ),
    retrieve=extend_schema(summary=gettext_lazy("Una inscripción"), description=_ENROLLMENTS),
    create=extend_schema(
        summary=gettext_lazy("Inscribir a un alumno"),
        description=gettext_lazy(
            "Inscribe a un alumno de un plantel donde puedes inscribir alumnos en un curso publicado. "
            "Si ya tiene una inscripción activa en el curso responde 409; si la anterior "
            "terminó o fue baja, crea una nueva."
        ),
        request=EnrollmentCreateSerializer,
        responses={201: EnrollmentSerializer, 400: ERROR, 403: ERROR, 409: ERROR},
    ),
)
class EnrollmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = EnrollmentSerializer
    queryset = Enrollment.objects.none()
    lookup_url_kwarg = "enrollment_id"
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        queryset = (
            selectors.visible_enrollments(self.request.user)
            .select_related("student__student_profile", "version", "course")
            .defer("version__outline", "course__description")
            .order_by("-created_at", "-pk")
        )
        queryset = filter_by_ids(self, queryset, "course", "student")
        wanted = self.request.query_params.get("status", "").strip()
        if self.action == "list" and wanted:
            if wanted not in EnrollmentStatus.values:
                raise ValidationError({"status": [_("Estado desconocido.")]})
            queryset = queryset.filter(status=wanted)
        return queryset

    def create(self, request, *args, **kwargs):
        if not has_anywhere(request.user, Capability.MANAGE_ENROLLMENT):
            raise PermissionDenied(_("Tu rol no permite inscribir alumnos."))
        serializer = EnrollmentCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        enrollment = enrollments.enroll(actor=request.user, **serializer.validated_data)
        created = self.get_queryset().get(pk=enrollment.pk)
        return Response(EnrollmentSerializer(created).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=gettext_lazy("Declaraciones xAPI de una inscripción"),
        description=gettext_lazy(
            "Lo que el alumno hizo en el curso, como declaraciones xAPI 1.0.3 en orden "
            "cronológico; el actor se identifica solo por el id de su cuenta."
        ),
        parameters=[
            OpenApiParameter(
                "page",
                OpenApiTypes.INT,
                OpenApiParameter.QUERY,
                description=gettext_lazy("Página de resultados (500 declaraciones por página)."),
            )
        ],
        responses={200: StatementPageSerializer, 404: ERROR},
    )
    @action(detail=True, methods=["get"], pagination_class=StatementPagination)
    def statements(self, request, enrollment_id=None):
        enrollment = self.get_object()
        events = LearningEvent.objects.filter(enrollment=enrollment).order_by("id")
        page = self.paginate_queryset(events)
        return self.get_paginated_response(list(statements_of(page, enrollment.course.code)))


def register(router):
    router.register("courses", CourseViewSet, basename="course")
    router.register("enrollments", EnrollmentViewSet, basename="enrollment")
