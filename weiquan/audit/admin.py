from django.contrib import admin

from weiquan.readonly_admin import ReadOnlyAdmin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("seq", "at", "actor_label", "action", "object_type", "object_id", "from_state", "to_state",
                    "rulebook")
    list_filter = ("action", "object_type", "rulebook")
