from django.contrib import admin

from weiquan.readonly_admin import ReadOnlyAdmin

from .models import CalendarDay, RulebookActivation


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """Staff enter next year's holidays and make-up workdays (调休) here before a package release."""

    list_display = ("date", "is_workday", "note")


@admin.register(RulebookActivation)
class RulebookActivationAdmin(ReadOnlyAdmin):
    list_display = ("rulebook_id", "activated_at", "activated_by", "note")
