from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RulebookActivation(models.Model):
    """The operator put a rulebook in force from `activated_at` on (RULES 7.2).

    Append-only: the history says which version was in force at any moment, which is
    what a complaint filed at that moment is judged under.
    """

    rulebook_id = models.CharField(_("rulebook"), max_length=64)
    activated_at = models.DateTimeField(_("in force from"), db_index=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True
    )
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-activated_at", "-id"]
        verbose_name = _("rulebook activation")
        verbose_name_plural = _("rulebook activations")


class CalendarDay(models.Model):
    """A day staff mark as working or not, ahead of (or against) the calendar package.

    The package (chinesecalendar) knows holidays and make-up workdays (调休) only for years
    the State Council has announced; staff add the next year here before a release ships.
    """

    date = models.DateField(unique=True)
    is_workday = models.BooleanField()
    note = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
