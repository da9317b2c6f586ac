from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """State changes go through services (audited, compare-and-set); admin only shows."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
