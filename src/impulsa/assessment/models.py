"""The item bank: items, their immutable-once-answered versions, the items each
activity uses, and the answers students give."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Item(models.Model):
    """A question in a course's bank. What it says lives in its versions: editing an
    item that someone has answered (or that a published course shows) adds a
    version, so past answers keep pointing at what the student saw."""

    course = models.ForeignKey("learning.Course", on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    current = models.ForeignKey(
        "ItemVersion", on_delete=models.PROTECT, null=True, related_name="+"
    )
    skills = models.ManyToManyField("learning.Skill", blank=True, related_name="items")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reactivo")
        verbose_name_plural = _("reactivos")
        ordering = ["id"]

    def __str__(self):
        return str(self.key)


class ItemVersion(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    type = models.CharField(_("tipo"), max_length=20)  # a key of itemtypes.TYPES
    name = models.CharField(_("nombre"), max_length=200)
    stem = models.TextField(_("enunciado"))
    stem_format = models.CharField(max_length=10, default="markdown")
    body = models.JSONField(default=dict)
    general_feedback = models.TextField(_("retroalimentación general"), blank=True)
    hints = models.JSONField(default=list, blank=True)
    difficulty = models.DecimalField(
        _("dificultad"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    irt = models.JSONField(null=True, blank=True)  # {"a", "b", "c"} as Decimal strings
    tags = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="item_version_unique")
        ]

    def __str__(self):
        return self.name


class ActivityItem(models.Model):
    activity = models.ForeignKey(
        "learning.Activity", on_delete=models.CASCADE, related_name="activity_items"
    )
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="placements")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["activity", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "item"], name="activity_item_unique")
        ]

    def __str__(self):
        return f"{self.activity_id}:{self.item_id}"


class GradingState(models.TextChoices):
    AUTOMATIC = "automatic", _("Automática")
    PENDING = "pending", _("Por calificar")
    GRADED = "graded", _("Calificada")


class Answer(models.Model):
    """A student's current answer to one item in one attempt at an activity (saved
    on every change). Every submission is also a learning event.

    Most answers are scored by the machine as they are saved (`automatic`); an open
    answer waits for a person (`pending`) until graded with its rubric (`graded`):
    `rubric_scores` holds the level chosen per criterion (its index), `fraction` the grade.
    Grade changes are audited (apps.py registers the grading fields)."""

    enrollment = models.ForeignKey(
        "learning.Enrollment", on_delete=models.PROTECT, related_name="+"
    )
    activity_key = models.UUIDField()
    attempt = models.PositiveIntegerField(default=1)
    item_version = models.ForeignKey(ItemVersion, on_delete=models.PROTECT, related_name="+")
    response = models.JSONField(null=True)
    # The credit in [0, 1]: the machine's score, or a person's grade of an open answer.
    fraction = models.DecimalField(_("calificación"), max_digits=5, decimal_places=4)
    hints_seen = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    # The answering service writes rows with raw SQL that names none of these: the
    # defaults live in the database too.
    grading_state = models.CharField(
        _("estado de calificación"),
        max_length=10,
        choices=GradingState.choices,
        default=GradingState.AUTOMATIC,
        db_default=GradingState.AUTOMATIC,
    )
    rubric_scores = models.JSONField(_("niveles elegidos en la rúbrica"), null=True, blank=True)
    grader_comment = models.TextField(_("comentario de quien califica"), blank=True, db_default="")
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("calificada por"),
    )
    graded_at = models.DateTimeField(_("calificada el"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "activity_key", "attempt", "item_version"],
                name="answer_unique_per_attempt",
            )
        ]
        indexes = [
            # The grading queue: the few answers waiting for a person, oldest first.
            models.Index(
                fields=["updated_at", "id"],
                condition=models.Q(grading_state="pending"),
                name="answer_pending_grading",
            )
        ]

    def __str__(self):
        return f"{self.enrollment_id}:{self.item_version_id}"

    @property
    def audit_institution_id(self) -> int:
        """Grade changes are filed under the student's campus (load `enrollment`)."""
        return self.enrollment.campus_id
