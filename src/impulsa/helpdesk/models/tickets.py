"""Tickets ("solicitudes"): a request from any signed-in user, filed under an
institution of theirs, answered by support agents who reach that institution.

Every change of state is an append-only `TicketEvent`: the SLA clock is recomputed
from that log (a calendar may change after the fact), and the page shows it as the
ticket's history."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from impulsa.core.storage import private_storage


class Category(models.Model):
    """What a ticket is about; shared by the whole country (a data migration seeds them)."""

    name = models.CharField(_("nombre"), max_length=80, unique=True)
    description = models.CharField(_("descripción"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("categoría")
        verbose_name_plural = _("categorías")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Priority(models.TextChoices):
    LOW = "low", _("Baja")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("Alta")
    URGENT = "urgent", _("Urgente")


class TicketStatus(models.TextChoices):
    NEW = "new", _("Nueva")
    OPEN = "open", _("En atención")
    WAITING = "waiting", _("Esperando al solicitante")
    CLOSED = "closed", _("Cerrada")


class Tier(models.TextChoices):
    """Who holds the ticket: the agents of its campus and state, or the national office."""

    STATE = "state", _("Soporte estatal")
    NATIONAL = "national", _("Soporte nacional")


class Ticket(models.Model):
    institution = models.ForeignKey(
        "org.Institution",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("institución"),
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="help_tickets",
        verbose_name=_("solicitante"),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="tickets", verbose_name=_("categoría")
    )
    priority = models.CharField(
        _("prioridad"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    subject = models.CharField(_("asunto"), max_length=150)
    status = models.CharField(
        _("estado"), max_length=10, choices=TicketStatus.choices, default=TicketStatus.NEW
    )
    tier = models.CharField(
        _("nivel de atención"), max_length=10, choices=Tier.choices, default=Tier.STATE
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_help_tickets",
        verbose_name=_("agente"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Derived from the event log by helpdesk.sla (never written by hand): the worst
    # rule's state and each rule's due instant while its clock runs.
    sla_state = models.CharField(max_length=10, default="running")
    response_due_at = models.DateTimeField(null=True, blank=True)
    resolve_due_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("solicitud de ayuda")
        verbose_name_plural = _("solicitudes de ayuda")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["institution", "status"]),
            models.Index(fields=["assigned_to", "status"]),
            models.Index(fields=["requester", "-created_at"]),
        ]

    def __str__(self):
        return f"#{self.pk} {self.subject}"

    @property
    def audit_institution_id(self) -> int:
        return self.institution_id

    @property
    def next_due_at(self):
        """The nearest deadline of a rule whose clock runs (None: none runs)."""
        return min(filter(None, (self.response_due_at, self.resolve_due_at)), default=None)

    @property
    def is_closed(self) -> bool:
        return self.status == TicketStatus.CLOSED


class TicketMessage(models.Model):
    """A reply on a ticket; an internal note (`internal`) is never shown to the requester."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("mensaje"))
    internal = models.BooleanField(_("nota interna"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"#{self.ticket_id} · {self.author_id}"

    @property
    def audit_institution_id(self) -> int:
        return self.ticket.institution_id


class TicketFile(models.Model):
    message = models.ForeignKey(TicketMessage, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="helpdesk/%Y/%m/", storage=private_storage)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name


class TicketEvent(models.Model):
    """The ticket's history, append-only: what happened, when, by whom. The SLA clock is
    computed from it (opened, paused while waiting for the user, first response)."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Abierta")
        ASSIGNED = "assigned", _("Asignada")
        REPLIED = "replied", _("Respuesta del agente")
        USER_REPLIED = "user_replied", _("Respuesta del solicitante")
        NOTE = "note", _("Nota interna")
        WAITING = "waiting", _("En espera del solicitante")
        RESUMED = "resumed", _("Reanudada")
        WARNED = "warned", _("Aviso de plazo por vencer")
        ESCALATED = "escalated", _("Escalada")
        CLOSED = "closed", _("Cerrada")
        RATED = "rated", _("Calificada")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(db_index=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"#{self.ticket_id} {self.kind}"


class Satisfaction(models.Model):
    """The requester's rating after closure (CSAT), once per ticket."""

    ticket = models.OneToOneField(
        Ticket, on_delete=models.CASCADE, related_name="satisfaction", verbose_name=_("solicitud")
    )
    rating = models.PositiveSmallIntegerField(
        _("calificación"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comentario"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("encuesta de satisfacción")
        verbose_name_plural = _("encuestas de satisfacción")

    def __str__(self):
        return f"#{self.ticket_id}: {self.rating}"

    @property
    def audit_institution_id(self) -> int:
        return self.ticket.institution_id


class CannedResponse(models.Model):
    """A ready answer agents insert into replies; an institution's agents and those
    below it use it (a state's responses serve its campuses)."""

    institution = models.ForeignKey(
        "org.Institution", on_delete=models.CASCADE, related_name="+", verbose_name=_("institución")
    )
    title = models.CharField(_("título"), max_length=120)
    body = models.TextField(_("texto"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("respuesta predefinida")
        verbose_name_plural = _("respuestas predefinidas")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def audit_institution_id(self) -> int:
        return self.institution_id
