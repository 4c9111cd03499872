"""Django admin for platform operators (superusers with a TOTP code): accounts and the
student import history.

School staff manage people through /personas/, whose services apply the access
rule. Encrypted personal data never appears here as stored: the CURP is only an
input of the change form (validated like everywhere else, found by its blind
index in the search box); birth date, phone and address are not shown at all.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from impulsa.accounts import curp as curp_rules
from impulsa.accounts.models import ImportJob, StudentProfile, User
from impulsa.core.admin import ReadOnlyAdminMixin
from impulsa.core.errors import DomainError
from impulsa.org.api import Membership


class UserAdminChangeForm(UserChangeForm):
    curp = forms.CharField(
        label=_("CURP"),
        max_length=18,
        required=False,
        help_text=_("Se guarda cifrada. Déjala vacía si la persona no la tiene registrada."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"

    def clean_curp(self):
        value = (self.cleaned_data.get("curp") or "").strip()
        if not value:
            if StudentProfile.objects.filter(user=self.instance.pk).exists():
                raise forms.ValidationError(_("La CURP de un alumno es obligatoria."))
            return None
        try:
            parsed = curp_rules.validate(value)
        except DomainError as error:
            raise forms.ValidationError(error.message) from error
        if User.objects.with_curp(parsed.value).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Otra persona ya está registrada con esa CURP."))
        return parsed.value


class UserAdminCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email")


class StudentProfileInline(admin.StackedInline):
    model = StudentProfile
    fk_name = "user"
    can_delete = False
    max_num = 1
    extra = 0
    fields = ["matricula", "campus", "career", "group", "semester", "updated_at"]
    readonly_fields = ["updated_at"]
    raw_id_fields = ["campus", "career", "group"]


class MembershipInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Roles, read-only here: they are changed in their own admin page (which checks
    role and kind) or, by school staff, in /personas/."""

    model = Membership
    fk_name = "user"
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["institution", "role", "granted_by", "created_at"]
    readonly_fields = fields


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserAdminChangeForm
    add_form = UserAdminCreationForm
    inlines = [StudentProfileInline, MembershipInline]
    list_display = [
        "username",
        "get_full_name",
        "email",
        "is_active",
        "is_staff",
        "is_superuser",
        "last_login",
    ]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "first_name", "last_name", "second_last_name", "email"]
    search_help_text = _("Usuario, nombre, correo o CURP completa.")
    ordering = ["username"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (
            _("Datos"),
            {
                "fields": [
                    "first_name",
                    "last_name",
                    "second_last_name",
                    "email",
                    "preferred_language",
                    "curp",
                ]
            },
        ),
        (
            _("Permisos de la plataforma"),
            {
                "fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"],
                "description": _(
                    "«Acceso al admin de Django» es solo para la operación de la plataforma. "
                    "Los roles en planteles y colegios se asignan como membresías."
                ),
            },
        ),
        (_("Fechas"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]

    @admin.display(description=_("nombre"), ordering="last_name")
    def get_full_name(self, obj):
        return obj.get_full_name()

    def get_search_results(self, request, queryset, search_term):
        """A complete, valid CURP is found through its blind index (the column itself
        is encrypted and cannot be searched)."""
        try:
            parsed = curp_rules.validate(search_term)
        except DomainError:
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(pk__in=User.objects.with_curp(parsed.value).values("pk")), False

    def save_model(self, request, obj, form, change):
        if "curp" in form.changed_data and obj.curp:
            # The birth date is part of the CURP: keep both in agreement.
            obj.birth_date = curp_rules.validate(obj.curp).birth_date
        super().save_model(request, obj, form, change)


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The import history, read-only (the uploaded file is deleted after the import)."""

    list_display = [
        "original_name",
        "institution",
        "status",
        "total_rows",
        "created_count",
        "updated_count",
        "created_by",
        "created_at",
        "finished_at",
    ]
    list_filter = ["status"]
    list_select_related = ["institution", "created_by"]
    search_fields = ["original_name", "institution__name", "institution__code"]
    date_hierarchy = "created_at"
    fields = [
        "original_name",
        "institution",
        "created_by",
        "status",
        "total_rows",
        "processed_rows",
        "created_count",
        "updated_count",
        "errors",
        "created_at",
        "finished_at",
    ]
    readonly_fields = fields
