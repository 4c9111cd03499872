"""Django admin pieces shared by the apps' admin modules."""


class ReadOnlyAdminMixin:
    """For a ModelAdmin or inline whose records are written only by the platform
    (import history, audit log, roles shown beside a person): nobody adds, changes
    or deletes them here. Put it before the admin class it is mixed into."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
