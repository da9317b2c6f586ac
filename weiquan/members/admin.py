from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Member, Store


@admin.register(Member)
class MemberAdmin(UserAdmin):
    list_display = ("username", "nickname", "role", "email", "is_staff")
    list_filter = ("role", "is_staff")
    fieldsets = UserAdmin.fieldsets + (("weiquan", {"fields": ("role", "nickname", "language")}),)


@admin.register(Store)
class StoreAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "created_at")
    search_fields = ("name", "owner__username")
