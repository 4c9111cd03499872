"""REST endpoints of the student import: upload a file, follow its status and errors.

Jobs are those of the institutions where the caller manages people (others answer
404); uploading goes through the same service as the upload page.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from impulsa.accounts import selectors
from impulsa.accounts.imports import progress
from impulsa.accounts.imports.service import start_import, unchanged_count
from impulsa.accounts.models import ImportJob
from impulsa.core.rest import ScopedPrimaryKeyRelatedField
from impulsa.org.api import Capability, Institution, has_anywhere, reachable_institutions


class CanImport(BasePermission):
    message = _("Solo la administración de planteles y colegios puede importar alumnos.")

    def has_permission(self, request, view):
        return has_anywhere(request.user, Capability.MANAGE_PEOPLE)


class ImportErrorSerializer(serializers.Serializer):
    line = serializers.IntegerField(
        allow_null=True, help_text=_("Línea del archivo (nulo: error del archivo completo).")
    )
    column = serializers.CharField(
        allow_blank=True, help_text=_("Columna (encabezado de la plantilla).")
    )
    message = serializers.CharField(help_text=_("Motivo, en español."))


class ImportJobSerializer(serializers.ModelSerializer):
    institution = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=_("Id de la institución de la importación.")
    )
    created_by = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text=_("Id de quien subió el archivo.")
    )
    status = serializers.SerializerMethodField(
        help_text=_(
            "pending (en cola), validating, importing, done (importado), invalid (con errores: "
            "no se importó nada) o failed."
        )
    )
    status_label = serializers.SerializerMethodField(help_text=_("Estado en español."))
    percent = serializers.SerializerMethodField(help_text=_("Avance de 0 a 100."))
    unchanged_count = serializers.SerializerMethodField(
        help_text=_("Alumnos que ya tenían exactamente esos datos.")
    )
    errors = ImportErrorSerializer(
        many=True,
        read_only=True,
        help_text=_("Errores por línea; vacío si el archivo era válido."),
    )

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "institution",
            "original_name",
            "status",
            "status_label",
            "percent",
            "total_rows",
            "created_count",
            "updated_count",
            "unchanged_count",
            "errors",
            "created_by",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    def _progress(self, job) -> progress.Progress:
        known = self.context.setdefault("import_progress", {})
        if job.pk not in known:
            known[job.pk] = progress.of(job)
        return known[job.pk]

    @extend_schema_field(serializers.ChoiceField(choices=ImportJob.Status.choices))
    def get_status(self, job) -> str:
        return self._progress(job).status

    @extend_schema_field(OpenApiTypes.STR)
    def get_status_label(self, job) -> str:
        return str(self._progress(job).label)

    @extend_schema_field(OpenApiTypes.INT)
    def get_percent(self, job) -> int:
        return self._progress(job).percent

    @extend_schema_field(OpenApiTypes.INT)
    def get_unchanged_count(self, job) -> int:
        return unchanged_count(job)


@extend_schema_field(OpenApiTypes.BINARY)
class UploadField(serializers.FileField):
    """A file sent in a multipart request (the schema says binary, not a URL)."""


def _importable_institutions(user):
    return reachable_institutions(user, Capability.MANAGE_PEOPLE).filter(is_active=True)


class ImportJobCreateSerializer(serializers.Serializer):
    institution = ScopedPrimaryKeyRelatedField(
        scope=_importable_institutions,
        queryset=Institution.objects.none(),
        help_text=_("Id del plantel o colegio estatal donde gestionas personas."),
    )
    file = UploadField(help_text=_("Archivo .csv o .xlsx con el encabezado de la plantilla."))


_JOBS = _(
    "Importaciones de alumnos de las instituciones donde gestionas personas, "
    "de la más reciente a la más antigua."
)


@extend_schema_view(
    list=extend_schema(summary=_("Importaciones de alumnos"), description=_JOBS),
    retrieve=extend_schema(
        summary=_("Estado de una importación"),
        description=_("Estado, avance, conteos y errores de una importación."),
    ),
    create=extend_schema(
        summary=_("Subir un archivo de alumnos"),
        description=_(
            "Valida todas las filas y, solo si todas son válidas, da de alta o actualiza a los "
            "alumnos. Los archivos pequeños se procesan en la petición (201, con el resultado); "
            "los grandes, en segundo plano (202): consulta su estado hasta que termine."
        ),
        request=ImportJobCreateSerializer,
        responses={201: ImportJobSerializer, 202: ImportJobSerializer},
    ),
)
class ImportJobViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ImportJobSerializer
    queryset = ImportJob.objects.none()  # for the schema; requests use get_queryset()
    permission_classes = [IsAuthenticated, CanImport]
    parser_classes = [MultiPartParser, FormParser]
    lookup_url_kwarg = "job_id"

    def get_queryset(self):
        return selectors.import_jobs(self.request.user).order_by("-created_at", "-pk")

    def get_serializer_class(self):
        if self.action == "create":
            return ImportJobCreateSerializer
        return ImportJobSerializer

    def create(self, request, *args, **kwargs):
        upload = self.get_serializer(data=request.data)
        upload.is_valid(raise_exception=True)
        job = start_import(
            actor=request.user,
            institution=upload.validated_data["institution"],
            uploaded_file=upload.validated_data["file"],
        )
        body = ImportJobSerializer(job, context=self.get_serializer_context()).data
        code = status.HTTP_201_CREATED if job.is_finished else status.HTTP_202_ACCEPTED
        return Response(body, status=code)


def register(router):
    router.register("imports", ImportJobViewSet, basename="import-job")
