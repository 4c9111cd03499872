from django.contrib import admin

from impulsa.ops.privacy.models import PrivacyNotice, RetentionClass


@admin.register(RetentionClass)
class RetentionClassAdmin(admin.ModelAdmin):
    list_display = ("name", "rule", "keep_days", "blocked_days")
    readonly_fields = ("rule",)


@admin.register(PrivacyNotice)
class PrivacyNoticeAdmin(admin.ModelAdmin):
    """Read-only: a version is published through the service (everyone accepts it
    again), never edited in place."""

    list_display = ("version", "published_at")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
