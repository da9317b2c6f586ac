from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An inbox message, written in the same transaction as the change it tells of.

    The text is rendered when read or mailed, in the recipient's language; the worker
    mails pending ones after commit, so a rolled-back change never sends anything.
    """

    class Email(models.TextChoices):
        PENDING = "pending", _("to be mailed")
        SENT = "sent", _("mailed")
        SKIPPED = "skipped", _("no e-mail address")
        FAILED = "failed", _("mailing failed")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=48)
    complaint = models.ForeignKey("complaints.Complaint", models.CASCADE, null=True, blank=True, related_name="+")
    appeal = models.ForeignKey("penalties.Appeal", models.CASCADE, null=True, blank=True, related_name="+")
    params = models.TextField(default="{}")
    created_at = models.DateTimeField(db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_state = models.CharField(max_length=8, choices=Email.choices, default=Email.PENDING)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_state", "id"]),
        ]
