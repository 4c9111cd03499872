"""Privacy records. Article numbers cite the Ley General de Protección de Datos
Personales en Posesión de Sujetos Obligados (LGPDPPSO, DOF 26-01-2017)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impulsa.core.fields import EncryptedCharField

USER = settings.AUTH_USER_MODEL


class PrivacyNotice(models.Model):
    """One published version of the privacy notice: the simplified notice (Art. 27)
    shown first, the full one (Art. 28) a click away. Never edited once published: a
    change is a new version, which everyone accepts again at their next visit."""

    version = models.PositiveIntegerField(_("versión"), unique=True)
    simplified_text = models.TextField(_("aviso simplificado"))
    full_text = models.TextField(_("aviso integral"))
    changes = models.TextField(_("qué cambió"), blank=True)
    published_at = models.DateTimeField(_("publicado"), default=timezone.now)
    published_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("aviso de privacidad")
        verbose_name_plural = _("avisos de privacidad")
        ordering = ["-version"]

    def __str__(self):
        return _("Aviso de privacidad, versión %(v)s") % {"v": self.version}


class NoticeAcceptance(models.Model):
    """Who read and accepted which version, and when (the proof Art. 26 asks the
    responsible party to be able to show)."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    notice = models.ForeignKey(PrivacyNotice, on_delete=models.PROTECT, related_name="acceptances")
    accepted_at = models.DateTimeField(_("aceptado"), default=timezone.now)

    class Meta:
        verbose_name = _("aceptación del aviso")
        verbose_name_plural = _("aceptaciones del aviso")
        constraints = [
            models.UniqueConstraint(fields=["user", "notice"], name="ops_notice_accepted_once")
        ]

    def __str__(self):
        return f"{self.user_id} · v{self.notice_id}"


class Right(models.TextChoices):
    ACCESS = "access", _("Acceso")
    RECTIFICATION = "rectification", _("Rectificación")
    CANCELLATION = "cancellation", _("Cancelación")
    OPPOSITION = "opposition", _("Oposición")


class ArcoStatus(models.TextChoices):
    RECEIVED = "received", _("Recibida")
    VERIFIED = "verified", _("Identidad acreditada")
    GRANTED = "granted", _("Procedente")
    DENIED = "denied", _("Improcedente")
    COMPLETED = "completed", _("Atendida")


class Filer(models.TextChoices):
    SUBJECT = "subject", _("La persona titular")
    GUARDIAN = "guardian", _("Su madre, padre o tutor")


class IdentityDocument(models.TextChoices):
    # We record which document was shown, never a copy of it (data minimisation, Art. 25).
    INE = "ine", _("Credencial para votar (INE)")
    PASSPORT = "passport", _("Pasaporte")
    PROFESSIONAL = "professional", _("Cédula profesional")
    SCHOOL_ID = "school_id", _("Credencial escolar con fotografía")
    GUARDIAN = "guardian", _("Acta de nacimiento del menor e identificación oficial del tutor")


class ArcoRequest(models.Model):
    """A request to exercise an ARCO right (Arts. 43-47) over one person's data.

    Deadlines are business days in Mexico City (calendar.py): an answer within 20 from
    the day after receipt, extendable once by 10 with a reason (Art. 51); once granted,
    made effective within 15 more (Art. 51). For a minor, the request is filed or
    confirmed by a parent or guardian, whose identity and relationship staff check
    (Art. 49, with the civil law's rules of representation)."""

    subject = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("titular")
    )
    campus = models.ForeignKey(
        "org.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("plantel")
    )
    filed_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("registró")
    )
    filer = models.CharField(_("quién la presenta"), max_length=10, choices=Filer.choices)
    representative_name = models.CharField(
        _("nombre de la madre, padre o tutor"), max_length=200, blank=True
    )
    right = models.CharField(_("derecho"), max_length=15, choices=Right.choices)
    description = models.TextField(_("descripción"), max_length=4000)
    status = models.CharField(
        _("estado"), max_length=10, choices=ArcoStatus.choices, default=ArcoStatus.RECEIVED
    )
    received_on = models.DateField(_("recibida"))
    due_on = models.DateField(_("fecha límite de respuesta"))
    extension_reason = models.TextField(_("motivo de la ampliación"), blank=True)
    identity_document = models.CharField(
        _("documento de identidad"), max_length=15, choices=IdentityDocument.choices, blank=True
    )
    identity_checked_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    identity_checked_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField(_("respuesta"), blank=True)
    responded_on = models.DateField(_("respondida"), null=True, blank=True)
    responded_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    effective_by = models.DateField(_("fecha límite para hacerla efectiva"), null=True, blank=True)
    completed_on = models.DateField(_("atendida"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("solicitud ARCO")
        verbose_name_plural = _("solicitudes ARCO")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["campus", "status", "due_on"], name="ops_arco_queue")]

    def __str__(self):
        return self.folio

    @property
    def folio(self) -> str:
        return f"ARCO-{self.received_on:%Y}-{self.pk:05d}"

    @property
    def extended(self) -> bool:
        return bool(self.extension_reason)

    @property
    def open(self) -> bool:
        return self.status in (ArcoStatus.RECEIVED, ArcoStatus.VERIFIED, ArcoStatus.GRANTED)

    @property
    def awaiting_answer(self) -> bool:
        return self.status in (ArcoStatus.RECEIVED, ArcoStatus.VERIFIED)

    @property
    def audit_institution_id(self) -> int:
        return self.campus_id


class RetentionRule(models.TextChoices):
    INACTIVE_ACCOUNTS = "inactive_accounts", _("Cuentas dadas de baja")
    ARCO_CANCELLATION = "arco_cancellation", _("Cancelación por solicitud ARCO")


class RetentionClass(models.Model):
    """How long one kind of personal data is kept (Art. 24: the responsible party sets
    retention periods), how long it then stays blocked before deletion (Art. 3 fr. III:
    kept only to settle possible responsibilities), and on what legal basis."""

    rule = models.CharField(_("regla"), max_length=20, choices=RetentionRule.choices, unique=True)
    name = models.CharField(_("nombre"), max_length=120)
    legal_basis = models.TextField(_("fundamento"))
    keep_days = models.PositiveIntegerField(_("días de conservación antes del bloqueo"))
    blocked_days = models.PositiveIntegerField(_("días de bloqueo antes de la supresión"))

    class Meta:
        verbose_name = _("clase de conservación")
        verbose_name_plural = _("clases de conservación")
        ordering = ["name"]

    def __str__(self):
        return self.name


class BlockReason(models.TextChoices):
    ARCO = "arco", _("Solicitud de cancelación")
    RETENTION = "retention", _("Plazo de conservación cumplido")


class PersonalDataBlock(models.Model):
    """A person whose data is blocked: their identifying data left every page and
    lives only here, encrypted, until `delete_on`; then it is destroyed and the person
    stays an anonymous row, so every count and average that includes them stays right.
    """

    person = models.OneToOneField(USER, on_delete=models.PROTECT, related_name="+")
    campus = models.ForeignKey("org.Institution", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("motivo"), max_length=10, choices=BlockReason.choices)
    request = models.ForeignKey(
        ArcoRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    retention_class = models.ForeignKey(RetentionClass, on_delete=models.PROTECT, related_name="+")
    sealed = EncryptedCharField(_("datos bloqueados"))
    blocked_on = models.DateField(_("bloqueado"))
    delete_on = models.DateField(_("se suprime el"))
    deleted_on = models.DateField(_("suprimido"), null=True, blank=True)

    class Meta:
        verbose_name = _("bloqueo de datos personales")
        verbose_name_plural = _("bloqueos de datos personales")
        ordering = ["delete_on", "id"]
        indexes = [
            models.Index(
                fields=["delete_on"], condition=Q(deleted_on__isnull=True), name="ops_block_due"
            )
        ]

    def __str__(self):
        return _("Bloqueo de datos %(pk)s") % {"pk": self.pk}

    @property
    def audit_institution_id(self) -> int:
        return self.campus_id
