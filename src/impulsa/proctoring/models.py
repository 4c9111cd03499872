"""Exams: how an exam activity is given (policy and pool draws, authored on the draft
and frozen at publish), the sessions staff schedule for groups, per-student
accommodations, and one Attempt row per student and try."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReviewPolicy(models.TextChoices):
    IMMEDIATELY = "immediately", _("Al entregar")
    AFTER_CLOSE = "after_close", _("Al cerrar la sesión")
    MANUAL = "manual", _("Cuando el docente publique los resultados")


class ExamPolicy(models.Model):
    """How a draft exam activity is given. Publishing freezes it (kinds.py)."""

    activity = models.OneToOneField(
        "learning.Activity", on_delete=models.CASCADE, related_name="exam_policy"
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("tiempo límite (minutos)"), null=True, blank=True
    )
    max_attempts = models.PositiveSmallIntegerField(_("intentos permitidos"), default=1)
    cooldown_minutes = models.PositiveSmallIntegerField(
        _("espera entre intentos (minutos)"), default=0
    )
    passing_grade = models.DecimalField(
        _("calificación aprobatoria"), max_digits=4, decimal_places=2, default=Decimal("6")
    )
    review = models.CharField(
        _("revisión"), max_length=20, choices=ReviewPolicy.choices, default=ReviewPolicy.AFTER_CLOSE
    )
    shuffle_items = models.BooleanField(_("barajar preguntas"), default=True)
    shuffle_choices = models.BooleanField(_("barajar opciones"), default=True)

    def __str__(self):
        return f"policy:{self.activity_id}"


class PoolDraw(models.Model):
    """`count` items drawn per student from the course bank's items with `skill`
    (any, if empty) whose difficulty lies in [min, max] (either end open)."""

    activity = models.ForeignKey(
        "learning.Activity", on_delete=models.CASCADE, related_name="pool_draws"
    )
    position = models.PositiveSmallIntegerField(default=0)
    skill = models.ForeignKey(
        "learning.Skill", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    difficulty_min = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    difficulty_max = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    count = models.PositiveSmallIntegerField(_("preguntas"))

    class Meta:
        ordering = ["activity", "position", "id"]

    def __str__(self):
        return f"draw:{self.activity_id}:{self.count}"


class ExamSession(models.Model):
    """A sitting of one published exam at a campus: who may start it (the groups, or
    every enrolled student of the campus), when, and under which access rules."""

    campus = models.ForeignKey(
        "org.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("plantel")
    )
    course = models.ForeignKey(
        "learning.Course", on_delete=models.PROTECT, related_name="+", verbose_name=_("curso")
    )
    activity_key = models.UUIDField()
    title = models.CharField(_("título"), max_length=200)
    opens_at = models.DateTimeField(_("abre"))
    closes_at = models.DateTimeField(_("cierra"))
    groups = models.ManyToManyField(
        "org.Group", blank=True, related_name="+", verbose_name=_("grupos")
    )
    access_code = models.CharField(_("código de acceso"), max_length=20, blank=True)
    allowed_networks = models.TextField(_("redes permitidas"), blank=True)
    safe_browser_keys = models.TextField(_("llaves de Safe Exam Browser"), blank=True)
    results_released_at = models.DateTimeField(_("resultados publicados"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("programada por"),
    )
    created_at = models.DateTimeField(_("programada el"), auto_now_add=True)

    class Meta:
        verbose_name = _("sesión de examen")
        verbose_name_plural = _("sesiones de examen")
        ordering = ["-opens_at", "id"]
        indexes = [models.Index(fields=["campus", "opens_at"], name="exam_session_campus_opens")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="exam_session_closes_after_opening",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def audit_institution_id(self) -> int:
        return self.campus_id

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class Accommodation(models.Model):
    """Extra time, extra attempts or no time limit for one student in one session,
    granted by staff with a reason."""

    session = models.ForeignKey(
        ExamSession,
        on_delete=models.CASCADE,
        related_name="accommodations",
        verbose_name=_("sesión"),
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    extra_minutes = models.PositiveSmallIntegerField(_("minutos extra"), default=0)
    extra_attempts = models.PositiveSmallIntegerField(_("intentos extra"), default=0)
    unlimited_time = models.BooleanField(_("sin límite de tiempo"), default=False)
    reason = models.CharField(_("motivo"), max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("otorgado por"),
    )
    granted_at = models.DateTimeField(_("otorgado el"), auto_now_add=True)

    class Meta:
        verbose_name = _("ajuste razonable")
        verbose_name_plural = _("ajustes razonables")
        constraints = [
            models.UniqueConstraint(fields=["session", "student"], name="one_accommodation_each")
        ]

    def __str__(self):
        return f"{self.session_id}:{self.student_id}"

    @property
    def audit_institution_id(self) -> int:
        return self.session.campus_id


class AttemptState(models.TextChoices):
    IN_PROGRESS = "in_progress", _("En curso")
    SUBMITTED = "submitted", _("Entregado")
    EXPIRED = "expired", _("Entregado al vencer el tiempo")
    INVALIDATED = "invalidated", _("Anulado")


CLOSED_STATES = (AttemptState.SUBMITTED, AttemptState.EXPIRED, AttemptState.INVALIDATED)


class Attempt(models.Model):
    """One student's try at one exam: the form drawn for them, the server's deadline
    and the result. Answers live in assessment (Answer.attempt is `number`)."""

    enrollment = models.ForeignKey(
        "learning.Enrollment", on_delete=models.PROTECT, related_name="+"
    )
    # The enrollment's campus, kept here so the access rule scopes attempts directly.
    campus = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        ExamSession, on_delete=models.PROTECT, null=True, related_name="attempts"
    )
    activity_key = models.UUIDField()
    number = models.PositiveSmallIntegerField()
    state = models.CharField(
        _("estado"), max_length=20, choices=AttemptState.choices, default=AttemptState.IN_PROGRESS
    )
    form = models.JSONField(default=dict)  # {"items": [item version ids], "seed": str}
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(_("hora límite"), null=True, blank=True)  # None: untimed
    extra_seconds = models.PositiveIntegerField(_("segundos agregados"), default=0)  # proctor
    paused_at = models.DateTimeField(_("en pausa desde"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("entregado el"), null=True, blank=True)
    score = models.DecimalField(_("puntaje"), max_digits=5, decimal_places=4, null=True)  # 0..1
    grade = models.DecimalField(_("calificación"), max_digits=4, decimal_places=2, null=True)
    passed = models.BooleanField(_("aprobado"), null=True)
    device = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("nota"), blank=True)

    class Meta:
        verbose_name = _("intento")
        verbose_name_plural = _("intentos")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "activity_key", "number"], name="attempt_number_unique"
            ),
            # Hundreds pressing «Comenzar» at once, or one student twice: one open try.
            models.UniqueConstraint(
                fields=["enrollment", "activity_key"],
                condition=models.Q(state=AttemptState.IN_PROGRESS),
                name="one_open_attempt",
            ),
        ]
        indexes = [
            models.Index(
                fields=["deadline"],
                condition=models.Q(state=AttemptState.IN_PROGRESS),
                name="attempt_open_deadline",
            ),
            models.Index(fields=["session", "state"], name="attempt_session_state"),
        ]

    def __str__(self):
        return f"{self.enrollment_id}:{self.activity_key}:{self.number}"

    @property
    def audit_institution_id(self) -> int:
        return self.campus_id

    @property
    def is_open(self) -> bool:
        return self.state == AttemptState.IN_PROGRESS

    def seconds_left(self, now=None) -> int | None:
        """Time left by the server's clock (frozen while paused); None: untimed."""
        if self.deadline is None:
            return None
        now = self.paused_at or now or timezone.now()
        return max(0, int((self.deadline - now).total_seconds()))


class IntegrityKind(models.TextChoices):
    """What an exam page or the server noticed. Events inform the proctor; nothing
    is decided from them automatically."""

    FOCUS_LOST = "focus_lost", _("Salió de la ventana")
    TAB_HIDDEN = "tab_hidden", _("Cambió de pestaña")
    COPY = "copy", _("Copió")
    PASTE = "paste", _("Pegó")
    FULLSCREEN_EXIT = "fullscreen_exit", _("Salió de pantalla completa")
    NETWORK_DROPPED = "network_dropped", _("Perdió la conexión")
    NETWORK_RETURNED = "network_returned", _("Recuperó la conexión")
    IP_CHANGE = "ip_change", _("Cambió de dirección IP")
    NEW_DEVICE = "new_device", _("Intentó entrar desde otro dispositivo")


class IntegrityEvent(models.Model):
    """One thing noticed during an attempt, at a moment on the server's clock (events
    the browser kept while offline are placed back by how long ago they happened)."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="integrity_events")
    kind = models.CharField(max_length=20, choices=IntegrityKind.choices)
    at = models.DateTimeField()
    detail = models.JSONField(default=dict, blank=True)  # at most 2 KB (integrity/events.py)
    ip = models.GenericIPAddressField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evento de integridad")
        verbose_name_plural = _("eventos de integridad")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["attempt", "at"], name="integrity_attempt_at")]

    def __str__(self):
        return f"{self.attempt_id}:{self.kind}"

    @property
    def audit_institution_id(self) -> int:
        return self.attempt.campus_id
