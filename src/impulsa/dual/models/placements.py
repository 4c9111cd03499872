"""Learning positions, rotation plan templates, placements (with their history) and each
student's plan of dated stations."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from impulsa.dual.models.companies import Agreement, Company


class Position(models.Model):
    """A learning position ("puesto de aprendizaje") inside a company."""

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="positions", verbose_name=_("empresa")
    )
    campus = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="+")
    career = models.ForeignKey(
        "org.Career", on_delete=models.PROTECT, related_name="+", verbose_name=_("carrera")
    )
    name = models.CharField(_("nombre del puesto"), max_length=200)
    modules = models.TextField(_("módulos que cubre"), blank=True)
    competencies = models.ManyToManyField(
        "learning.Skill", blank=True, related_name="+", verbose_name=_("competencias")
    )
    capacity = models.PositiveSmallIntegerField(
        _("cupo"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instructor de empresa"),
    )
    is_active = models.BooleanField(_("activo"), default=True)

    class Meta:
        verbose_name = _("puesto de aprendizaje")
        verbose_name_plural = _("puestos de aprendizaje")
        ordering = ["company", "name"]

    def __str__(self):
        return self.name

    @property
    def audit_institution_id(self) -> int:
        return self.campus_id


class RotationTemplate(models.Model):
    """A rotation plan agreed with a company for a career, copied into each student's plan."""

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="templates", verbose_name=_("empresa")
    )
    campus = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="+")
    career = models.ForeignKey(
        "org.Career", on_delete=models.PROTECT, related_name="+", verbose_name=_("carrera")
    )
    name = models.CharField(_("nombre del plan"), max_length=200)

    class Meta:
        verbose_name = _("plantilla de plan de rotación")
        verbose_name_plural = _("plantillas de plan de rotación")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def audit_institution_id(self) -> int:
        return self.campus_id


class TemplateStation(models.Model):
    template = models.ForeignKey(
        RotationTemplate, on_delete=models.CASCADE, related_name="stations"
    )
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    weeks = models.PositiveSmallIntegerField(
        _("semanas"), validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    topics = models.TextField(_("temas"), blank=True)
    hours = models.PositiveSmallIntegerField(
        _("horas"), validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )

    class Meta:
        ordering = ["template", "order", "id"]

    def __str__(self):
        return f"{self.position} · {self.weeks}"


class PlacementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Propuesta")
    CONFIRMED = "confirmed", _("Confirmada")
    ACTIVE = "active", _("En curso")
    COMPLETED = "completed", _("Concluida")
    WITHDRAWN = "withdrawn", pgettext_lazy("colocación", "Baja")  # not the audit's "deleted"


class WithdrawnBy(models.TextChoices):
    STUDENT = "student", _("El alumno")
    COMPANY = "company", _("La empresa")
    SCHOOL = "school", _("El plantel")


class Placement(models.Model):
    """A student placed at a company, with the learning agreement that backs it."""

    campus = models.ForeignKey(
        "org.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("plantel")
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="dual_placements",
        verbose_name=_("alumno"),
    )
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="placements", verbose_name=_("empresa")
    )
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("convenio de aprendizaje"),
    )
    tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tutor dual"),
    )
    status = models.CharField(
        _("estado"), max_length=10, choices=PlacementStatus.choices, default="proposed"
    )
    withdrawn_by = models.CharField(
        _("baja solicitada por"), max_length=10, choices=WithdrawnBy.choices, blank=True
    )
    reason = models.TextField(_("motivo"), blank=True)
    preferences = models.TextField(_("preferencias del alumno"), blank=True)
    starts_on = models.DateField(_("inicia"))
    ends_on = models.DateField(_("termina"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("colocación")
        verbose_name_plural = _("colocaciones")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="dual_placement_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.student} · {self.company}"

    @property
    def audit_institution_id(self) -> int:
        return self.campus_id


class PlacementEvent(models.Model):
    """One change of a placement's state: its history, never edited."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="events", verbose_name=_("colocación")
    )
    from_status = models.CharField(max_length=10, choices=PlacementStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=PlacementStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"


class PlanStation(models.Model):
    """A dated station of a student's rotation plan, at one position."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="stations", verbose_name=_("colocación")
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="stations", verbose_name=_("puesto")
    )
    starts_on = models.DateField(_("inicia"))
    ends_on = models.DateField(_("termina"))
    topics = models.TextField(_("temas"), blank=True)
    hours = models.PositiveSmallIntegerField(
        _("horas"), validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )

    class Meta:
        verbose_name = _("estación del plan")
        verbose_name_plural = _("estaciones del plan")
        ordering = ["placement", "starts_on", "id"]

    def __str__(self):
        return f"{self.position} ({self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y})"

    @property
    def audit_institution_id(self) -> int:
        return self.placement.campus_id
