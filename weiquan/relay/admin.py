from django.contrib import admin

from .models import Address, Binding, ContactAttempt, ContactEvidence, ContactProfile, PoolNumber


@admin.register(ContactProfile)
class ContactProfileAdmin(admin.ModelAdmin):
    list_display = ("member", "phone_is_dedicated", "allowed_channels", "timezone", "updated_at")
    search_fields = ("member__username",)
    # Staff handle cases, not addresses: the real name and phone stay out of list views.
    readonly_fields = ("updated_at",)


@admin.register(Address)
class AddressAdmin(admin.ModelAdmin):
    list_display = ("member", "label", "kind", "province", "city", "is_default")
    list_filter = ("kind",)
    search_fields = ("member__username", "label")


@admin.register(PoolNumber)
class PoolNumberAdmin(admin.ModelAdmin):
    list_display = ("number", "active", "created_at")
    list_filter = ("active",)
    search_fields = ("number",)


@admin.register(Binding)
class BindingAdmin(admin.ModelAdmin):
    list_display = ("number", "trade", "created_at", "released_at")
    list_filter = ("released_at",)
    search_fields = ("number__number", "trade__external_id")
    raw_id_fields = ("trade",)


@admin.register(ContactAttempt)
class ContactAttemptAdmin(admin.ModelAdmin):
    """The contact log is evidence: readable, never editable here."""

    list_display = ("attempt_id", "trade", "caller", "callee", "channel", "at", "allowed", "reason",
                    "answered", "duration_seconds")
    list_filter = ("channel", "allowed", "reason")
    search_fields = ("attempt_id", "trade__external_id", "caller__username", "callee__username")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        from .services import drain_contact_log

        drain_contact_log()  # show what the Redis backend has logged so far
        return super().changelist_view(request, extra_context)


@admin.register(ContactEvidence)
class ContactEvidenceAdmin(admin.ModelAdmin):
    list_display = ("number", "complaint", "sha256", "created_by", "created_at")
    search_fields = ("number",)
    readonly_fields = ("number", "complaint", "attempts", "messages", "sha256", "created_by", "created_at")

    def has_add_permission(self, request):
        return False
