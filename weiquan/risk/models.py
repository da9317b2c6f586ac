from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskSignal(models.Model):
    """Something the platform saw in its own data about how `actor` treats `target`
    (issue 6 §3): a screened message, or a contact pattern from the contact log."""

    class Source(models.TextChoices):
        MESSAGE = "message", _("message screening")
        CONTACTS = "contacts", _("contact pattern")

    # Null for call bombing, whose callers are hired strangers (RULES 2.2 d).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="+")
    target = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    source = models.CharField(max_length=8, choices=Source.choices)
    kind = models.CharField(max_length=32)  # a screener label or a scanner pattern
    score = models.FloatField()
    message = models.ForeignKey("trades.Message", models.CASCADE, null=True, blank=True, related_name="+")
    detail = models.TextField(default="{}")  # spans of a message; counts of a pattern
    first_at = models.DateTimeField()
    last_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-last_at", "-id"]
        indexes = [models.Index(fields=["actor", "target"]), models.Index(fields=["source", "kind"])]
        constraints = [
            models.UniqueConstraint(fields=["message", "kind"], condition=models.Q(source="message"),
                                    name="one_signal_per_message_and_label"),
            # A contact pattern is one signal per pair, kept up to date as contacts arrive.
            models.UniqueConstraint(fields=["actor", "target", "kind"], condition=models.Q(source="contacts"),
                                    name="one_contact_signal_per_pair_and_pattern"),
        ]


class ScanCursor(models.Model):
    """How far an incremental scan has read (the id of the last row it handled)."""

    name = models.CharField(max_length=32, unique=True)
    last_id = models.BigIntegerField(default=0)
