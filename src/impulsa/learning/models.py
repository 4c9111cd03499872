"""Courses and their structure, skills, published versions, enrollments, learning
events and the progress derived from them.

Structure rows (units, lessons, activities) are the designer's draft. Publishing
freezes the draft into a CourseVersion (an outline) and PublishedActivity rows
(rendered HTML, item versions): students only ever read published rows, so a
designer's unfinished edit never reaches them. Units, lessons and activities carry
a stable `key` (UUID) that survives publishing: progress is keyed by it, which is
how a student's work maps onto a newer version.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impulsa.core.storage import private_storage
from impulsa.learning.content import kinds as activity_kinds


class Program(models.TextChoices):
    PROPEDEUTICO = "propedeutico", _("Propedéutico")
    ASESORIAS = "asesorias", _("Asesorías")
    DUAL = "dual", _("Ecosistema Dual")


class VariantKind(models.TextChoices):
    TEXT = "text", _("Texto")
    VIDEO = "video", _("Video")
    WORKED_EXAMPLE = "worked_example", _("Ejemplo resuelto")


class Course(models.Model):
    program = models.CharField(_("programa"), max_length=20, choices=Program.choices)
    # Owner node: catalog courses belong to the national office; a designer's dual
    # course to the designer's state or campus. Who may use and edit it follows.
    institution = models.ForeignKey(
        "org.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("institución")
    )
    code = models.SlugField(_("clave"), max_length=40, unique=True)
    number = models.PositiveSmallIntegerField(_("número"), null=True, blank=True)
    name = models.CharField(_("nombre"), max_length=200)
    semester = models.PositiveSmallIntegerField(_("semestre"), null=True, blank=True)
    area = models.CharField(_("área"), max_length=40, blank=True)
    description = models.TextField(_("descripción"), blank=True)
    published = models.ForeignKey(
        "CourseVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    has_draft_changes = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("curso")
        verbose_name_plural = _("cursos")
        ordering = ["program", "semester", "number", "name"]

    def __str__(self):
        return self.name

    @property
    def audit_institution_id(self) -> int:
        return self.institution_id


class Skill(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="skills")
    code = models.SlugField(_("clave"), max_length=60)
    name = models.CharField(_("nombre"), max_length=200)
    description = models.TextField(_("descripción"), blank=True)
    position = models.PositiveIntegerField(default=0)
    requires = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="required_by"
    )

    class Meta:
        verbose_name = _("habilidad")
        verbose_name_plural = _("habilidades")
        ordering = ["course", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "code"], name="skill_code_unique_in_course")
        ]

    def __str__(self):
        return self.name


class Unit(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="units")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("título"), max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["course", "position", "id"]

    def __str__(self):
        return self.title


class Lesson(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="lessons")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("título"), max_length=200)
    summary = models.CharField(_("resumen"), max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["unit", "position", "id"]

    def __str__(self):
        return self.title


class Activity(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="activities")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("tipo"), max_length=20, choices=activity_kinds.choices)
    title = models.CharField(_("título"), max_length=200)
    position = models.PositiveIntegerField(default=0)
    skills = models.ManyToManyField(Skill, blank=True, related_name="activities")

    class Meta:
        ordering = ["lesson", "position", "id"]

    def __str__(self):
        return self.title

    @property
    def author_links(self) -> list[tuple[str, str]]:
        return activity_kinds.handler_for(self.kind).author_links(self)


class ActivityVariant(models.Model):
    """One way of presenting a content activity's material; the adaptive engine
    picks among them per student, the text variant is the default."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="variants")
    kind = models.CharField(_("tipo"), max_length=20, choices=VariantKind.choices)
    body = models.TextField(_("contenido (Markdown)"), blank=True)
    video_url = models.URLField(_("enlace al video"), blank=True)

    class Meta:
        ordering = ["activity", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "kind"], name="one_variant_per_kind")
        ]

    def __str__(self):
        return f"{self.activity_id}:{self.kind}"


class Attachment(models.Model):
    """A downloadable file or an image a content page refers to. Kept in private
    storage: only player.views.download serves it, to the course's students and authors."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("título"), max_length=200)
    file = models.FileField(
        _("archivo"), upload_to="learning/files/%Y/%m/", storage=private_storage
    )
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["activity", "id"]

    def __str__(self):
        return self.title


class CourseVersion(models.Model):
    """A frozen, published state of a course. `outline` holds units, lessons and
    activity headers (keys, kinds, titles, skills) for navigation and progress."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    outline = models.JSONField(default=dict)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["course", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="course_version_unique")
        ]

    def __str__(self):
        return f"{self.course_id} v{self.number}"


class PublishedActivity(models.Model):
    """What students see of one activity in one version: variants rendered to
    sanitized HTML and whatever the activity kind froze (e.g. item versions)."""

    version = models.ForeignKey(CourseVersion, on_delete=models.CASCADE, related_name="activities")
    key = models.UUIDField()
    lesson_key = models.UUIDField()
    kind = models.CharField(max_length=20, choices=activity_kinds.choices)
    title = models.CharField(max_length=200)
    variants = models.JSONField(default=list)  # [{"kind", "html", "video_url"}]
    attachments = models.JSONField(default=list)  # [{"id", "name", "title", "size"}]
    frozen = models.JSONField(default=dict)  # the kind's own data, e.g. {"items": [...]}
    skill_codes = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="published_activity_unique")
        ]

    def __str__(self):
        return self.title


class EnrollmentSource(models.TextChoices):
    STAFF = "staff", _("Inscripción por personal")
    BULK = "bulk", _("Inscripción masiva")
    SERVICE = "service", _("Inscripción automática")


class EnrollmentStatus(models.TextChoices):
    ACTIVE = "active", _("En curso")
    COMPLETED = "completed", _("Terminado")
    WITHDRAWN = "withdrawn", _("Dado de baja")


class Enrollment(models.Model):
    # Indexed by enrollment_student_course, which starts with it.
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="enrollments",
        db_index=False,
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrollments")
    # The student's campus when enrolled: the access rule scopes enrollments by it.
    campus = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(CourseVersion, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=20, choices=EnrollmentSource.choices)
    reason = models.CharField(_("motivo"), max_length=200, blank=True)
    status = models.CharField(
        max_length=20, choices=EnrollmentStatus.choices, default=EnrollmentStatus.ACTIVE
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    due_on = models.DateField(_("fecha límite"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When it stopped being active (withdrawn or completed); null while active.
    ended_at = models.DateTimeField(null=True, blank=True)
    last_activity_key = models.UUIDField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inscripción")
        verbose_name_plural = _("inscripciones")
        ordering = ["-created_at"]
        # A student may take a course again after a withdrawal (or to retake it): each
        # enrollment is its own row with its own events and progress, kept as history;
        # only one of them may be active at a time.
        constraints = [
            models.UniqueConstraint(
                fields=["student", "course"],
                condition=models.Q(status=EnrollmentStatus.ACTIVE),
                name="one_active_enrollment_per_course",
            )
        ]
        indexes = [
            models.Index(fields=["student", "course"], name="enrollment_student_course"),
            # The catalog's per-course counts of students not withdrawn, per campus in
            # the viewer's reach: answered from the index alone.
            models.Index(
                fields=["campus", "course", "student"],
                condition=~models.Q(status=EnrollmentStatus.WITHDRAWN),
                name="enrollment_open_campus_course",
            ),
        ]

    def __str__(self):
        return f"{self.student_id}:{self.course_id}"

    @property
    def audit_institution_id(self) -> int:
        return self.campus_id


class Verb(models.TextChoices):
    """xAPI verbs; the IRIs live in events/xapi.py's VERB_IRIS."""

    EXPERIENCED = "experienced", _("vio")
    ANSWERED = "answered", _("respondió")
    REQUESTED_HINT = "requested-hint", _("pidió una pista")
    COMPLETED = "completed", _("completó")
    SPENT_TIME = "spent-time", _("dedicó tiempo")
    ENROLLED = "registered", _("se inscribió")


class LearningEvent(models.Model):
    """One learning event (xAPI-shaped). Append-only: a database trigger refuses
    UPDATE and DELETE. The single source for progress, adaptation and analytics."""

    id = models.BigAutoField(primary_key=True)
    timestamp = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    verb = models.CharField(max_length=20, choices=Verb.choices)
    object_type = models.CharField(max_length=20)  # course | lesson | activity | item
    object_id = models.CharField(max_length=64)  # a structure key or "item:<key>"
    # enrollment and course are indexed by the composite indexes below, which start with them.
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="+", db_index=False)
    version_number = models.PositiveIntegerField()
    campus = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="+")
    activity_key = models.UUIDField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    context = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["enrollment", "id"], name="event_enrollment_idx"),
            models.Index(fields=["course", "timestamp"], name="event_course_time_idx"),
        ]

    def __str__(self):
        return f"{self.actor_id} {self.verb} {self.object_id}"


class ProgressStatus(models.TextChoices):
    STARTED = "started", _("Iniciada")
    COMPLETED = "completed", _("Terminada")


class ActivityProgress(models.Model):
    """Per student and activity, derived from LearningEvent in the same transaction
    (events.record); `rebuild_progress` recomputes it from the events alone."""

    # Indexed by progress_unique_activity, which starts with it.
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="progress", db_index=False
    )
    activity_key = models.UUIDField()
    status = models.CharField(max_length=20, choices=ProgressStatus.choices)
    score = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    seconds = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "activity_key"], name="progress_unique_activity"
            )
        ]

    def __str__(self):
        return f"{self.enrollment_id}:{self.activity_key}"
