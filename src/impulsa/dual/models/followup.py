"""Follow-up of a placement: the weekly logbook, evaluations, tutor visits, incidents,
and the notices the platform sends about them."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from impulsa.core.storage import private_storage
from impulsa.dual.models.placements import Placement, PlanStation


class LogbookStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Enviada")
    RETURNED = "returned", _("Devuelta")
    ACCEPTED = "accepted", _("Aceptada")


class LogbookEntry(models.Model):
    """A student's weekly logbook ("bitácora"), reviewed by the company instructor."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="logbook", verbose_name=_("colocación")
    )
    week_start = models.DateField(_("semana del"))
    activities = models.TextField(_("¿Qué hiciste esta semana?"))
    learned = models.TextField(_("¿Qué aprendiste?"), blank=True)
    hours = models.DecimalField(
        _("horas"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("60"))],
    )
    status = models.CharField(
        max_length=10, choices=LogbookStatus.choices, default=LogbookStatus.SUBMITTED
    )
    review_comment = models.TextField(_("comentarios del instructor"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bitácora semanal")
        verbose_name_plural = _("bitácoras semanales")
        ordering = ["-week_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "week_start"], name="dual_one_logbook_per_week"
            )
        ]

    def __str__(self):
        return f"{self.placement.student} · {self.week_start:%d/%m/%Y}"

    @property
    def audit_institution_id(self) -> int:
        return self.placement.campus_id


class LogbookFile(models.Model):
    entry = models.ForeignKey(LogbookEntry, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="dual/logbook/%Y/%m/", storage=private_storage)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name


class EvaluatorKind(models.TextChoices):
    INSTRUCTOR = "instructor", _("Instructor de empresa")
    TUTOR = "tutor", _("Tutor dual")


class Evaluation(models.Model):
    """A competency evaluation: the instructor's per station, or the tutor's."""

    placement = models.ForeignKey(
        Placement,
        on_delete=models.CASCADE,
        related_name="evaluations",
        verbose_name=_("colocación"),
    )
    station = models.ForeignKey(
        PlanStation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluations",
        verbose_name=_("estación"),
    )
    kind = models.CharField(max_length=10, choices=EvaluatorKind.choices, verbose_name=_("tipo"))
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("evaluador"),
    )
    score = models.DecimalField(
        _("calificación (0 a 10)"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10"))],
    )
    achieved = models.ManyToManyField(
        "learning.Skill", blank=True, related_name="+", verbose_name=_("competencias logradas")
    )
    comments = models.TextField(_("comentarios"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.score}"

    @property
    def audit_institution_id(self) -> int:
        return self.placement.campus_id


class Visit(models.Model):
    """A tutor's visit to the student's company: planned, then recorded."""

    campus = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="+")
    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="visits", verbose_name=_("colocación")
    )
    tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("tutor dual"),
    )
    scheduled_on = models.DateField(_("fecha programada"))
    done_on = models.DateField(_("fecha en que se hizo"), null=True, blank=True)
    checklist = models.JSONField(default=dict, blank=True, verbose_name=_("lista de verificación"))
    findings = models.TextField(_("hallazgos"), blank=True)
    evidence = models.FileField(
        upload_to="dual/visits/%Y/%m/",
        storage=private_storage,
        blank=True,
        verbose_name=_("evidencia"),
    )
    evidence_name = models.CharField(
        max_length=200, blank=True, verbose_name=_("nombre de la evidencia")
    )

    class Meta:
        verbose_name = _("visita")
        verbose_name_plural = _("visitas")
        ordering = ["scheduled_on", "id"]

    def __str__(self):
        return f"{self.placement} · {self.scheduled_on:%d/%m/%Y}"

    @property
    def audit_institution_id(self) -> int:
        return self.campus_id


class VisitAction(models.Model):
    """A follow-up action agreed at a visit, with its owner and due date."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("acción"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("responsable"),
    )
    due_on = models.DateField(_("fecha límite"))
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self):
        return self.description


class IncidentKind(models.TextChoices):
    ABSENCE = "absence", _("Inasistencia")
    ACCIDENT = "accident", _("Accidente")
    HARASSMENT = "harassment", _("Acoso")
    CONFLICT = "conflict", _("Conflicto")
    SAFETY = "safety", _("Seguridad")
    EARLY_WITHDRAWAL = "early_withdrawal", _("Baja anticipada")
    OTHER = "other", _("Otra")


class Severity(models.TextChoices):
    # Contexts: "Baja"/"Alta" are also the audit log's "deleted"/"created".
    LOW = "low", pgettext_lazy("severidad", "Baja")
    MEDIUM = "medium", pgettext_lazy("severidad", "Media")
    HIGH = "high", pgettext_lazy("severidad", "Alta")
    CRITICAL = "critical", pgettext_lazy("severidad", "Crítica")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Abierta")
    CLOSED = "closed", _("Cerrada")


class Incident(models.Model):
    """An incident of a placement, followed to closure within its severity's deadline;
    overdue ones escalate to the campus, then to the state college."""

    campus = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="+")
    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="incidents", verbose_name=_("colocación")
    )
    kind = models.CharField(_("tipo"), max_length=20, choices=IncidentKind.choices)
    severity = models.CharField(_("gravedad"), max_length=10, choices=Severity.choices)
    description = models.TextField(_("descripción"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reportada por"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsable"),
    )
    status = models.CharField(
        max_length=10, choices=IncidentStatus.choices, default=IncidentStatus.OPEN
    )
    due_at = models.DateTimeField(verbose_name=_("fecha límite"))
    escalation_level = models.PositiveSmallIntegerField(
        default=0, verbose_name=_("nivel de escalamiento")
    )
    escalated_at = models.DateTimeField(null=True, blank=True, verbose_name=_("escalada el"))
    resolution = models.TextField(_("resolución"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("cerrada el"))
    opened_by_visit = models.ForeignKey(
        Visit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opened_incidents",
        verbose_name=_("abierta en la visita"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("incidencia")
        verbose_name_plural = _("incidencias")
        ordering = ["-created_at", "id"]
        indexes = [models.Index(fields=["status", "due_at"], name="dual_incident_open_due")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.placement}"

    @property
    def audit_institution_id(self) -> int:
        return self.campus_id


class Notice(models.Model):
    """An in-platform notification for one person (mailed too when it matters)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dual_notices"
    )
    campus = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="+")
    text = models.CharField(max_length=300)
    link = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]

    def __str__(self):
        return self.text

    @property
    def audit_institution_id(self) -> int:
        return self.campus_id
