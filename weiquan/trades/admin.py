from django.contrib import admin

from weiquan.readonly_admin import ReadOnlyAdmin

from .models import ImEvidenceNumber, Message, Trade


@admin.register(Trade)
class TradeAdmin(ReadOnlyAdmin):
    list_display = ("external_id", "buyer", "seller", "store", "channel", "status", "succeeded_at",
                    "buyer_review", "seller_review")
    list_filter = ("channel", "status", "buyer_review")
    search_fields = ("external_id", "buyer__username", "seller__username")


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ("external_id", "sender", "recipient", "sent_at", "text")


@admin.register(ImEvidenceNumber)
class ImEvidenceNumberAdmin(ReadOnlyAdmin):
    list_display = ("number", "created_by", "created_at")
