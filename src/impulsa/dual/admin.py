"""Read-only admin pages for platform operators; every change goes through the services."""

from django.contrib import admin

from impulsa.core.admin import ReadOnlyAdminMixin
from impulsa.dual.models import Agreement, Company, Incident, Placement, Position


@admin.register(Company)
class CompanyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("legal_name", "rfc", "campus", "status")
    search_fields = ("legal_name", "rfc")


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("title", "kind", "company", "starts_on", "ends_on")


@admin.register(Position)
class PositionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("name", "company", "career", "capacity")


@admin.register(Placement)
class PlacementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("student", "company", "status", "starts_on", "ends_on")


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("kind", "severity", "status", "due_at", "escalation_level")
