"""Companies (registered by a campus or by themselves, approved by a campus) and the
agreements that back each placement."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from impulsa.core.storage import private_storage


class CompanyStatus(models.TextChoices):
    PENDING = "pending", _("Por aprobar")
    APPROVED = "approved", _("Aprobada")
    REJECTED = "rejected", _("Rechazada")


class Sector(models.TextChoices):
    INDUSTRY = "industry", _("Industria")
    SERVICES = "services", _("Servicios")
    COMMERCE = "commerce", _("Comercio")
    HEALTH = "health", _("Salud")
    TECHNOLOGY = "technology", _("Tecnología")
    AGRO = "agro", _("Agropecuario")
    PUBLIC = "public", _("Sector público")


class Size(models.TextChoices):
    MICRO = "micro", _("Micro (hasta 10 personas)")
    SMALL = "small", _("Pequeña (11 a 50)")
    MEDIUM = "medium", _("Mediana (51 a 250)")
    LARGE = "large", _("Grande (más de 250)")


class Company(models.Model):
    """A company that trains dual students, registered with one campus."""

    campus = models.ForeignKey(
        "org.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("plantel")
    )
    legal_name = models.CharField(_("razón social"), max_length=200)
    trade_name = models.CharField(_("nombre comercial"), max_length=200, blank=True)
    rfc = models.CharField(_("RFC"), max_length=13)
    rfc_warning = models.CharField(
        max_length=200, blank=True, editable=False, verbose_name=_("aviso del RFC")
    )
    sector = models.CharField(_("sector económico"), max_length=20, choices=Sector.choices)
    size = models.CharField(_("tamaño"), max_length=10, choices=Size.choices)
    address = models.TextField(_("domicilio"))
    contact_name = models.CharField(_("persona de contacto"), max_length=200)
    contact_email = models.EmailField(_("correo de contacto"))
    contact_phone = models.CharField(_("teléfono de contacto"), max_length=20, blank=True)
    status = models.CharField(
        _("estado"), max_length=10, choices=CompanyStatus.choices, default=CompanyStatus.PENDING
    )
    self_registered = models.BooleanField(default=False, verbose_name=_("se registró sola"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revisada por"),
    )
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revisada el"))
    instructors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="dual_companies"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("empresa")
        verbose_name_plural = _("empresas")
        ordering = ["legal_name"]
        constraints = [
            models.UniqueConstraint(fields=["campus", "rfc"], name="dual_company_rfc_per_campus")
        ]

    def __str__(self):
        return self.trade_name or self.legal_name

    @property
    def audit_institution_id(self) -> int:
        return self.campus_id


class AgreementKind(models.TextChoices):
    FRAMEWORK = "framework", _("Convenio marco plantel–empresa")
    LEARNING = "learning", _("Convenio de aprendizaje del alumno")


class Agreement(models.Model):
    """A signed agreement: the campus–company framework, or one student's learning
    agreement. Its document lives in private storage."""

    kind = models.CharField(_("tipo"), max_length=10, choices=AgreementKind.choices)
    campus = models.ForeignKey(
        "org.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("plantel")
    )
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("empresa")
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("alumno"),
    )
    title = models.CharField(_("título"), max_length=200)
    starts_on = models.DateField(_("inicia"))
    ends_on = models.DateField(_("vence"))
    signed_on = models.DateField(_("fecha de firma"))
    school_signatory = models.CharField(_("firma por el plantel"), max_length=200)
    company_signatory = models.CharField(_("firma por la empresa"), max_length=200)
    document = models.FileField(
        _("documento"), upload_to="dual/agreements/%Y/%m/", storage=private_storage
    )
    document_name = models.CharField(max_length=200, verbose_name=_("nombre del documento"))
    alerted_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("convenio")
        verbose_name_plural = _("convenios")
        ordering = ["-ends_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="dual_agreement_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def covers(self, start, end) -> bool:
        return self.starts_on <= start and end <= self.ends_on

    @property
    def audit_institution_id(self) -> int:
        return self.campus_id
