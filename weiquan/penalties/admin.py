from django.contrib import admin

from weiquan.readonly_admin import ReadOnlyAdmin

from .models import Appeal, LedgerEntry, Penalty, Sanction


@admin.register(Penalty)
class PenaltyAdmin(ReadOnlyAdmin):
    list_display = ("id", "seller", "store", "tier", "points", "point_class", "compensation",
                    "compensation_status", "state", "imposed_at", "appeal_due", "rulebook")
    list_filter = ("state", "tier", "rulebook", "compensation_status")


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ("id", "seller", "penalty", "kind", "points", "point_class", "compensation", "period", "at")
    list_filter = ("kind", "period")


@admin.register(Sanction)
class SanctionAdmin(ReadOnlyAdmin):
    list_display = ("id", "kind", "seller", "store", "starts_at", "ends_at", "lifted_at")


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ("id", "penalty", "seller", "state", "filed_at", "review_due", "review_overdue")
    list_filter = ("state", "review_overdue")
