"""The institution tree (national -> state college -> campus) and what hangs from it."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from impulsa.org.roles import Kind, Role

code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9-]{1,19}$",
    _("Usa de 2 a 20 letras mayúsculas, dígitos o guiones (por ejemplo 14DPT0001X)."),
)
color_validator = RegexValidator(
    r"^#[0-9A-Fa-f]{6}$", _("Escribe el color en formato hexadecimal, por ejemplo #0B5D3B.")
)


class Institution(models.Model):
    """A node of the tree.

    `path` is the materialized path of ids ("/1/4/17/"): a subtree is one indexed
    prefix match and the ancestors are read off the path without a query. We keep
    our own instead of django-treebeard because treebeard's paths encode sibling
    order (not ids) and we also want a plain `parent` foreign key for joins.
    Branding fields left blank are inherited from the nearest ancestor.
    """

    kind = models.CharField(_("tipo"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    code = models.CharField(
        _("clave oficial"), max_length=20, unique=True, validators=[code_validator]
    )
    name = models.CharField(_("nombre"), max_length=200)
    short_name = models.CharField(_("nombre corto"), max_length=80, blank=True)
    is_active = models.BooleanField(_("activa"), default=True)

    display_name = models.CharField(_("nombre a mostrar"), max_length=120, blank=True)
    logo = models.ImageField(_("logotipo"), upload_to="branding/", blank=True)
    primary_color = models.CharField(
        _("color principal"), max_length=7, blank=True, validators=[color_validator]
    )
    custom_domain = models.CharField(
        _("dominio propio"), max_length=253, unique=True, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("institución")
        verbose_name_plural = _("instituciones")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=Kind.NATIONAL, parent__isnull=True)
                | Q(~Q(kind=Kind.NATIONAL), parent__isnull=False),
                name="institution_only_national_is_root",
            )
        ]

    def __str__(self):
        return self.short_name or self.name

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to this node, itself included."""
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def is_within(self, other: "Institution") -> bool:
        return self.path.startswith(other.path)

    @property
    def audit_institution_id(self) -> int:
        return self.pk


class Career(models.Model):
    """A career (carrera) offered by a campus."""

    campus = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="careers", verbose_name=_("plantel")
    )
    code = models.CharField(_("clave"), max_length=20, validators=[code_validator])
    name = models.CharField(_("nombre"), max_length=200)
    is_active = models.BooleanField(_("activa"), default=True)

    class Meta:
        verbose_name = _("carrera")
        verbose_name_plural = _("carreras")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["campus", "code"], name="career_code_unique_per_campus")
        ]

    def __str__(self):
        return self.name

    @property
    def audit_institution_id(self) -> int:
        return self.campus_id


class AcademicPeriod(models.Model):
    """A national school period such as 2026-1; exactly one may be current."""

    code = models.CharField(
        _("clave"),
        max_length=10,
        unique=True,
        validators=[RegexValidator(r"^\d{4}-[12]$", _("Usa el formato AAAA-1 o AAAA-2."))],
    )
    starts_on = models.DateField(_("inicia"))
    ends_on = models.DateField(_("termina"))
    is_current = models.BooleanField(_("vigente"), default=False)

    class Meta:
        verbose_name = _("periodo escolar")
        verbose_name_plural = _("periodos escolares")
        ordering = ["-code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_period"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="period_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.code

    audit_institution_id = None


class Group(models.Model):
    """A class group (grupo) of a campus in one period, e.g. 101 in 2026-1."""

    class Shift(models.TextChoices):
        MORNING = "morning", _("Matutino")
        AFTERNOON = "afternoon", _("Vespertino")

    campus = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="groups", verbose_name=_("plantel")
    )
    period = models.ForeignKey(
        AcademicPeriod, on_delete=models.PROTECT, related_name="groups", verbose_name=_("periodo")
    )
    career = models.ForeignKey(
        Career,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
        verbose_name=_("carrera"),
    )
    name = models.CharField(_("nombre"), max_length=20)
    semester = models.PositiveSmallIntegerField(
        _("semestre"), validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    shift = models.CharField(
        _("turno"), max_length=10, choices=Shift.choices, default=Shift.MORNING
    )

    class Meta:
        verbose_name = _("grupo")
        verbose_name_plural = _("grupos")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campus", "period", "name"], name="group_name_unique_per_campus_period"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def audit_institution_id(self) -> int:
        return self.campus_id


class Membership(models.Model):
    """A role held by a user at an institution; it reaches that node and below."""

    # Indexed by membership_unique, which starts with it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        db_index=False,
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("institución"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membresía")
        verbose_name_plural = _("membresías")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "institution", "role"], name="membership_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()} · {self.institution}"

    @property
    def audit_institution_id(self) -> int:
        return self.institution_id
