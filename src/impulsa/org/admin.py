"""Django admin for platform operators (superusers with a TOTP code).

Staff manage the tree through the /instituciones/ pages, whose services enforce
the access rule. Here operators may correct data, but the tree's shape (kind,
parent, materialized path) is read-only: new nodes are created by the services,
which give them their path. The same business checks as the services apply to
colours, logos, domains, groups and roles.
"""

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from impulsa.core.errors import DomainError
from impulsa.org import services, tree_cache
from impulsa.org.models import AcademicPeriod, Career, Group, Institution, Membership
from impulsa.org.roles import ROLE_KINDS, Role


def _check(check, *args, **kwargs):
    """Run a service check and turn its refusal into a form error."""
    try:
        return check(*args, **kwargs)
    except DomainError as error:
        raise forms.ValidationError(error.message) from error


class InstitutionAdminForm(forms.ModelForm):
    class Meta:
        model = Institution
        fields = list(services.INSTITUTION_FIELDS)

    def clean_primary_color(self):
        color = self.cleaned_data.get("primary_color", "")
        return _check(services.check_primary_color, color) if color else ""

    def clean_custom_domain(self):
        return _check(
            services.check_custom_domain,
            self.cleaned_data.get("custom_domain") or "",
            exclude_pk=self.instance.pk,
        )

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            code = self.instance.code or self.cleaned_data.get("code") or "logo"
            _check(services.prepare_logo, logo, institution_code=code)
        return logo


class CareerInline(admin.TabularInline):
    model = Career
    extra = 0
    fields = ["code", "name", "is_active"]
    show_change_link = True


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    form = InstitutionAdminForm
    list_display = ["name", "code", "kind", "parent", "is_active", "custom_domain", "updated_at"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code", "custom_domain"]
    list_select_related = ["parent"]
    ordering = ["path"]
    readonly_fields = ["kind", "parent", "path", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["kind", "parent", "path", "code", "name", "short_name", "is_active"]}),
        (_("Identidad visual"), {"fields": ["display_name", "logo", "primary_color"]}),
        (_("Dominio"), {"fields": ["custom_domain"]}),
        (_("Registro"), {"fields": ["created_at", "updated_at"]}),
    ]
    inlines = [CareerInline]

    def has_add_permission(self, request):
        return False  # new nodes get their path from org.services (staff pages or seed)

    def has_delete_permission(self, request, obj=None):
        return False  # everything hangs from institutions (PROTECT); deactivate instead

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None and obj.kind == "campus" else []

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        tree_cache.invalidate()


class CareerAdminForm(forms.ModelForm):
    class Meta:
        model = Career
        fields = ["campus", "code", "name", "is_active"]

    def clean_campus(self):
        campus = self.cleaned_data.get("campus")
        if campus is not None and campus.kind != "campus":
            raise forms.ValidationError(_("Las carreras se registran en un plantel."))
        return campus


@admin.register(Career)
class CareerAdmin(admin.ModelAdmin):
    form = CareerAdminForm
    list_display = ["name", "code", "campus", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code", "campus__name", "campus__code"]
    list_select_related = ["campus"]
    autocomplete_fields = ["campus"]


@admin.register(AcademicPeriod)
class AcademicPeriodAdmin(admin.ModelAdmin):
    list_display = ["code", "starts_on", "ends_on", "is_current"]
    list_filter = ["is_current"]
    search_fields = ["code"]


class GroupAdminForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = ["campus", "period", "career", "name", "semester", "shift"]

    def clean(self):
        cleaned = super().clean()
        campus, career = cleaned.get("campus"), cleaned.get("career")
        if campus is not None and campus.kind != "campus":
            self.add_error("campus", _("Los grupos pertenecen a un plantel."))
        elif campus is not None and career is not None and career.campus_id != campus.pk:
            self.add_error("career", _("La carrera no pertenece a este plantel."))
        return cleaned


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    form = GroupAdminForm
    list_display = ["name", "campus", "period", "semester", "shift", "career"]
    list_filter = ["period", "semester", "shift"]
    search_fields = ["name", "campus__name", "campus__code"]
    list_select_related = ["campus", "period", "career"]
    autocomplete_fields = ["campus", "career"]


class MembershipAdminForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "institution", "role", "granted_by"]

    def clean(self):
        cleaned = super().clean()
        role, institution = cleaned.get("role"), cleaned.get("institution")
        if role and institution is not None and institution.kind not in ROLE_KINDS[role]:
            self.add_error(
                "role",
                _("El rol «%(role)s» no se puede asignar en %(kind)s.")
                % {"role": Role(role).label, "kind": institution.get_kind_display().lower()},
            )
        return cleaned


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    form = MembershipAdminForm
    list_display = ["user", "role", "institution", "granted_by", "created_at"]
    list_filter = ["role", "institution__kind"]
    search_fields = ["user__username", "user__email", "institution__name", "institution__code"]
    list_select_related = ["user", "institution", "granted_by"]
    autocomplete_fields = ["institution"]
    raw_id_fields = ["user", "granted_by"]
    readonly_fields = ["created_at"]
