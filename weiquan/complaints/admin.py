from django.contrib import admin

from weiquan.readonly_admin import ReadOnlyAdmin

from .models import Complaint, ComplaintBehaviour, Evidence


class BehaviourInline(admin.TabularInline):
    model = ComplaintBehaviour
    extra = 0
    can_delete = False
    readonly_fields = ("code", "source")


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "blob", "reference", "note", "submitted_by", "submitted_at")


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ("id", "trade", "complainant", "respondent", "state", "tier", "rulebook", "answer_due",
                    "decision_due", "decision_overdue", "assigned_to")
    list_filter = ("state", "tier", "rulebook", "decision_overdue", "entry")
    search_fields = ("trade__external_id", "complainant__username", "respondent__username")
    inlines = [BehaviourInline, EvidenceInline]
