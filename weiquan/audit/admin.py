from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from weiquan import labels
from weiquan.readonly_admin import ReadOnlyAdmin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("seq", "at", "actor_label", "action_name", "object_type", "object_id", "from_state", "to_state",
                    "rulebook")
    list_filter = ("action", "object_type", "rulebook")

    @admin.display(description=_("Action"), ordering="action")
    def action_name(self, entry):
        return f"{labels.action_label(entry.action)} ({entry.action})"
