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


class Answer(models.Model):
    """A student's current answer to one item in one attempt at an activity (saved
    on every change). Every submission is also a learning event."""

    enrollment = models.ForeignKey(
        "learning.Enrollment", on_delete=models.PROTECT, related_name="+"
    )
    activity_key = models.UUIDField()
    attempt = models.PositiveIntegerField(default=1)
    item_version = models.ForeignKey(ItemVersion, on_delete=models.PROTECT, related_name="+")
    response = models.JSONField(null=True)
    fraction = models.DecimalField(max_digits=5, decimal_places=4)
    hints_seen = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "activity_key", "attempt", "item_version"],
                name="answer_unique_per_attempt",
            )
        ]

    def __str__(self):
        return f"{self.enrollment_id}:{self.item_version_id}"
