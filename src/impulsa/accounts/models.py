"""People: the custom user (with encrypted personal data), student profiles, imports."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impulsa.core.fields import BlindIndexField, EncryptedCharField, EncryptedDateField
from impulsa.core.storage import private_storage
from impulsa.org.api import common_institution_id


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, username, email="", password=None, **extra):
        user = self.model(username=username, email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, username, email="", password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(username, email, password, **extra)

    def with_curp(self, curp: str):
        """Exact lookup by CURP through its blind index (the CURP itself is encrypted)."""
        field = self.model._meta.get_field("curp_hash")
        return self.filter(curp_hash__in=field.candidates(curp))


class User(AbstractBaseUser, PermissionsMixin):
    """Everyone who signs in. Students sign in with their matrícula as username.

    CURP, birth date, phone and address are encrypted at rest; `curp_hash` is the
    blind index that makes exact CURP lookups possible. `is_staff` only opens the
    Django admin (platform operators); roles come from org.Membership.
    """

    username = models.CharField(
        _("usuario"),
        max_length=150,
        unique=True,
        validators=[UnicodeUsernameValidator()],
        error_messages={"unique": _("Ya existe una cuenta con ese nombre de usuario.")},
    )
    email = models.EmailField(_("correo electrónico"), blank=True)
    first_name = models.CharField(_("nombre(s)"), max_length=150, blank=True)
    last_name = models.CharField(_("primer apellido"), max_length=150, blank=True)
    second_last_name = models.CharField(_("segundo apellido"), max_length=150, blank=True)
    is_active = models.BooleanField(_("activa"), default=True)
    is_staff = models.BooleanField(_("acceso al admin de Django"), default=False)
    date_joined = models.DateTimeField(_("alta"), default=timezone.now)
    must_change_password = models.BooleanField(
        _("debe cambiar su contraseña"),
        default=False,
        help_text=_("Tiene una contraseña temporal: al entrar se le pide una nueva."),
    )
    preferred_language = models.CharField(
        _("idioma"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    curp = EncryptedCharField(_("CURP"), form_max_length=18)
    curp_hash = BlindIndexField(source="curp", normalizer="impulsa.accounts.curp.normalize")
    birth_date = EncryptedDateField(_("fecha de nacimiento"))
    phone = EncryptedCharField(_("teléfono"), form_max_length=20)
    address = EncryptedCharField(_("domicilio"), form_max_length=300)
    # Names, username, e-mail and matrícula folded by accounts_fold(), kept current by
    # database triggers on every write path (migration 0004); never written by Python.
    search_text = models.TextField(default="", editable=False)

    objects = UserManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("usuario")
        verbose_name_plural = _("usuarios")
        ordering = ["last_name", "second_last_name", "first_name"]
        indexes = [
            GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="user_search_trgm"),
            # The people lists sort by name: with this index a page reads 50 rows.
            models.Index(
                fields=["last_name", "second_last_name", "first_name", "id"],
                name="user_name_order",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["curp_hash"], condition=~Q(curp_hash=""), name="user_curp_unique"
            )
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        parts = (self.first_name, self.last_name, self.second_last_name)
        return " ".join(p for p in parts if p).strip()

    def get_short_name(self) -> str:
        return self.first_name or self.username

    @property
    def audit_institution_id(self) -> int | None:
        return common_institution_id(self.pk)


class StudentProfile(models.Model):
    """A student's academic place: campus, career, semester, group and matrícula."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="student_profile"
    )
    campus = models.ForeignKey(
        "org.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("plantel")
    )
    career = models.ForeignKey(
        "org.Career", on_delete=models.PROTECT, related_name="+", verbose_name=_("carrera")
    )
    group = models.ForeignKey(
        "org.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="students",
        verbose_name=_("grupo"),
    )
    matricula = models.CharField(_("matrícula"), max_length=20, unique=True)
    semester = models.PositiveSmallIntegerField(
        _("semestre"), validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("perfil de alumno")
        verbose_name_plural = _("perfiles de alumno")

    def __str__(self):
        return self.matricula

    @property
    def audit_institution_id(self) -> int:
        return self.campus_id


class ImportJob(models.Model):
    """One uploaded student file and what became of it.

    Small files run inside the request; large ones in a Celery worker that
    updates `processed_rows` so the status page can show progress.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("En espera")
        VALIDATING = "validating", _("Validando")
        INVALID = "invalid", _("Con errores (no se importó nada)")
        IMPORTING = "importing", _("Importando")
        DONE = "done", _("Importado")
        FAILED = "failed", _("Falló")

    institution = models.ForeignKey(
        "org.Institution", on_delete=models.PROTECT, related_name="+", verbose_name=_("institución")
    )
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("creado por")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(upload_to="imports/%Y/%m/", storage=private_storage)
    original_name = models.CharField(_("archivo"), max_length=255)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("importación de alumnos")
        verbose_name_plural = _("importaciones de alumnos")
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.INVALID, self.Status.DONE, self.Status.FAILED}

    @property
    def audit_institution_id(self) -> int:
        return self.institution_id
