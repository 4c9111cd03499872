"""The audit log in the Django admin, for platform operators: read-only.

django-auditlog registers its own admin for the entry model; we replace it so
that entries show their institution and nobody can add, change or delete one.
"""

from auditlog.admin import LogEntryAdmin
from auditlog.filters import ResourceTypeFilter
from django.contrib import admin

from impulsa.audit.models import AuditEntry
from impulsa.core.admin import ReadOnlyAdminMixin

if admin.site.is_registered(AuditEntry):
    admin.site.unregister(AuditEntry)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, LogEntryAdmin):
    list_select_related = ["content_type", "actor", "institution"]
    list_display = ["created", "resource_url", "action", "msg_short", "user_url", "institution"]
    list_filter = ["action", ResourceTypeFilter, ("timestamp", admin.DateFieldListFilter)]
    search_fields = ["object_repr", "actor__username", "actor__first_name", "actor__last_name"]
    readonly_fields = [
        "created",
        "resource_url",
        "action",
        "user_url",
        "institution",
        "remote_addr",
        "cid",
        "additional_data",
        "msg",
    ]
    fieldsets = [
        (None, {"fields": ["created", "user_url", "resource_url", "institution"]}),
        (None, {"fields": ["remote_addr", "cid", "additional_data"]}),
        (None, {"fields": ["action", "msg"]}),
    ]
