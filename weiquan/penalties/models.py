from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from weiquan.evidence.models import EvidenceItem


class Penalty(models.Model):
    """What one established complaint costs the seller, derived from its rulebook (RULES 6)."""

    class State(models.TextChoices):
        ACTIVE = "active", _("in force")
        REVERSED = "reversed", _("reversed on appeal")

    class Compensation(models.TextChoices):
        NONE = "none", _("none")
        OWED = "owed", _("owed to the buyer")
        PAID = "paid", _("paid")
        CANCELLED = "cancelled", _("cancelled")

    complaint = models.OneToOneField("complaints.Complaint", models.PROTECT, related_name="penalty")
    seller = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="penalties")
    store = models.ForeignKey("members.Store", models.PROTECT, related_name="penalties")
    rulebook = models.CharField(max_length=64)
    tier = models.CharField(max_length=24)
    points = models.PositiveIntegerField(default=0)
    point_class = models.CharField(max_length=16, blank=True)
    compensation = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    currency = models.CharField(max_length=3, default="CNY")
    compensation_status = models.CharField(max_length=12, choices=Compensation.choices, default=Compensation.NONE)
    state = models.CharField(max_length=12, choices=State.choices, default=State.ACTIVE)
    imposed_at = models.DateTimeField()
    appeal_due = models.DateTimeField()
    period = models.CharField(max_length=16)  # the points period it counts in, e.g. "2026"

    class Meta:
        ordering = ["-imposed_at", "-id"]
        verbose_name = _("penalty")
        verbose_name_plural = _("penalties")


class LedgerEntry(models.Model):
    """The seller's append-only ledger: a penalty adds an entry, a reversal adds another."""

    class Kind(models.TextChoices):
        PENALTY = "penalty", _("penalty")
        REVERSAL = "reversal", _("reversal")

    seller = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="ledger")
    penalty = models.ForeignKey(Penalty, models.PROTECT, related_name="ledger_entries")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    points = models.IntegerField(default=0)  # negative on a reversal
    point_class = models.CharField(max_length=16, blank=True)
    compensation = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    period = models.CharField(max_length=16)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["seller", "period"])]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("ledger entries are append-only; add a reversal instead")
        super().save(*args, **kwargs)


class Sanction(models.Model):
    """A store hidden from search, or an account frozen, for a while or for good."""

    class Kind(models.TextChoices):
        STORE_HIDDEN = "store_hidden", _("store hidden from search and listings")
        ACCOUNT_FROZEN = "account_frozen", _("account frozen")

    penalty = models.ForeignKey(Penalty, models.PROTECT, related_name="sanctions")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    seller = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="sanctions")
    store = models.ForeignKey("members.Store", models.PROTECT, null=True, blank=True, related_name="sanctions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)  # null: permanent
    lifted_at = models.DateTimeField(null=True, blank=True)


class Appeal(models.Model):
    """The seller's one appeal against a penalty (RULES 8)."""

    class State(models.TextChoices):
        PENDING = "pending", _("under review")
        UPHELD = "upheld", _("upheld")
        REJECTED = "rejected", _("rejected")

    penalty = models.OneToOneField(Penalty, models.PROTECT, related_name="appeal")  # once (RULES 8.2)
    seller = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="appeals")
    reason = models.TextField()
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    filed_at = models.DateTimeField()
    review_due = models.DateTimeField()
    review_overdue = models.BooleanField(default=False)
    sweep_token = models.CharField(max_length=32, blank=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-filed_at", "-id"]
        indexes = [models.Index(fields=["state", "review_due"])]


class AppealEvidence(EvidenceItem):
    appeal = models.ForeignKey(Appeal, models.CASCADE, related_name="evidence")
