from django.contrib import admin

from weiquan.readonly_admin import ReadOnlyAdmin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("id", "recipient", "kind", "complaint", "created_at", "read_at", "email_state")
    list_filter = ("kind", "email_state")
