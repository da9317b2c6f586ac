"""Malicious-order warnings for sellers (营商保, RULES 9) and the malicious-behaviour
complaint centre (恶意行为投诉中心, RULES 9.5)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from weiquan.evidence.models import EvidenceItem


class Protection(models.Model):
    """A store's subscription to the protection tool (RULES 9.1). Warnings exist only
    for stores where it is on."""

    store = models.OneToOneField("members.Store", models.CASCADE, related_name="protection")
    enabled = models.BooleanField(default=False)
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    def __str__(self):
        return f"{self.store_id}: {'on' if self.enabled else 'off'}"


class Source(models.TextChoices):
    DETECTOR = "detector", _("weiquan's detectors")
    PLATFORM = "platform", _("the marketplace's risk engine")


class WarningState(models.TextChoices):
    HANDLED = "handled", _("handled by the platform")  # RULES 9.1: nothing to do
    PENDING = "pending", _("pending the seller's judgement")
    CONFIRMED = "confirmed", _("risk confirmed by the seller")
    NORMAL = "normal", _("verified normal by the seller")  # final (RULES 9.4)
    IGNORED = "ignored", _("ignored by the seller")
    # A malicious-behaviour complaint about the order was established by staff (RULES 9.5).
    PLATFORM_CONFIRMED = "platform_confirmed", _("malicious behaviour confirmed by the platform")


class PlatformVerdict(models.TextChoices):
    """What staff found on a malicious-behaviour complaint made from a warning (RULES 9.5)."""

    ESTABLISHED = "established", _("the platform established malicious behaviour")
    NOT_ESTABLISHED = "not_established", _("the platform did not establish malicious behaviour")


class PlatformAction(models.TextChoices):
    """What the platform did about a warning it handled itself (RULES 9.1)."""

    METRICS_CLEANED = "metrics_cleaned", _("the store's metrics were cleaned")
    ACCOUNT_PENALISED = "account_penalised", _("the buyer's account was penalised")
    REVIEW_REMOVED = "review_removed", _("the malicious review was removed")
    ORDER_INTERCEPTED = "order_intercepted", _("the order was intercepted")


TYPE_LABELS = {
    "refund_abuse": _("the buyer's orders mostly end in refund claims or complaints"),
    "new_account_burst": _("a burst of orders from newly registered accounts"),
    "shared_identity": _("one phone number or address behind many accounts"),
    "review_extortion": _("negative reviews followed by demands for money"),
    "platform_risk": _("the marketplace's risk engine flagged this order"),
    "malicious_return": _("a malicious return (empty parcel or swapped item)"),
}


class OrderWarning(models.Model):
    """A warning about one risky order of a protected store (RULES 9.1)."""

    store = models.ForeignKey("members.Store", models.CASCADE, related_name="warnings")
    trade = models.ForeignKey("trades.Trade", models.CASCADE, related_name="warnings")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    type = models.CharField(max_length=32)
    source = models.CharField(max_length=16, choices=Source.choices)
    state = models.CharField(max_length=24, choices=WarningState.choices)
    # Copied from the rulebook in force when raised, so a later rulebook does not change
    # what confirming this warning takes (RULES 7.2, 9.2).
    evidence_required = models.BooleanField()
    rulebook = models.CharField(max_length=64)
    detail = models.TextField(default="{}")  # the detector's figures, or the engine's reason (JSON)
    platform_actions = models.TextField(default="[]")  # JSON list of PlatformAction
    raised_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_label = models.CharField(max_length=200, blank=True)  # "agency X for store Y"
    decision_note = models.TextField(blank=True)
    sweep_token = models.CharField(max_length=32, blank=True, db_index=True)
    # Staff's decision on a malicious-behaviour complaint made from this warning (RULES 9.5).
    # db_default: the detectors insert warnings in SQL.
    platform_verdict = models.CharField(max_length=16, choices=PlatformVerdict.choices, blank=True,
                                        default="", db_default="")
    platform_verdict_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["trade", "type"], name="one_warning_per_trade_and_type"),
        ]
        indexes = [
            models.Index(fields=["store", "state", "raised_at"]),
            models.Index(fields=["trade", "state"]),
        ]

    def __str__(self):
        return f"#{self.pk} {self.type} ({self.state})"


class WarningEvidence(EvidenceItem):
    """Evidence a seller gives when confirming a warning's risk (RULES 9.2)."""

    warning = models.ForeignKey(OrderWarning, models.CASCADE, related_name="evidence")


class CaseState(models.TextChoices):
    AWAITING_VERIFICATION = "awaiting_verification", _("awaiting staff verification")
    ESTABLISHED = "established", _("malicious behaviour established")
    NOT_ESTABLISHED = "not_established", _("not established")


class MaliciousComplaint(models.Model):
    """A seller's complaint that an order is malicious (恶意行为投诉, RULES 9.5)."""

    store = models.ForeignKey("members.Store", models.PROTECT, related_name="malicious_complaints")
    trade = models.ForeignKey("trades.Trade", models.PROTECT, related_name="malicious_complaints")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    complainant = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    complainant_label = models.CharField(max_length=200)
    warning = models.ForeignKey(OrderWarning, models.SET_NULL, null=True, blank=True, related_name="complaints")
    reason = models.TextField()
    state = models.CharField(max_length=24, choices=CaseState.choices,
                             default=CaseState.AWAITING_VERIFICATION)
    rulebook = models.CharField(max_length=64)
    filed_at = models.DateTimeField()
    decision_due = models.DateTimeField()
    decision_overdue = models.BooleanField(default=False)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decision_reason = models.TextField(blank=True)
    platform_actions = models.TextField(default="[]")
    sweep_token = models.CharField(max_length=32, blank=True, db_index=True)

    class Meta:
        ordering = ["-filed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["trade"], condition=Q(state="awaiting_verification"),
                                    name="one_open_malicious_complaint_per_trade"),
        ]
        indexes = [models.Index(fields=["state", "decision_due"])]

    def __str__(self):
        return f"#{self.pk} {self.trade_id} ({self.state})"


class MaliciousComplaintEvidence(EvidenceItem):
    complaint = models.ForeignKey(MaliciousComplaint, models.CASCADE, related_name="evidence")


class OrderClosure(models.Model):
    """Closing a warned order, only with the buyer's recorded agreement (RULES 9.6)."""

    class State(models.TextChoices):
        AWAITING_BUYER = "awaiting_buyer", _("awaiting the buyer's agreement")
        AGREED = "agreed", _("agreed; the order is closed")
        REFUSED = "refused", _("the buyer refused")

    class Agreement(models.TextChoices):
        IM_EVIDENCE_NUMBER = "im_evidence_number", _("IM evidence number of the agreement")
        BUYER_CONFIRMATION = "buyer_confirmation", _("the buyer confirmed in weiquan")

    warning = models.ForeignKey(OrderWarning, models.CASCADE, related_name="closures")
    trade = models.ForeignKey("trades.Trade", models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    requested_label = models.CharField(max_length=200)
    requested_at = models.DateTimeField()
    state = models.CharField(max_length=16, choices=State.choices)
    agreement = models.CharField(max_length=24, choices=Agreement.choices, blank=True)
    reference = models.CharField(max_length=64, blank=True)
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trade"], condition=Q(state="awaiting_buyer"),
                                    name="one_open_closure_per_trade"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.trade_id} ({self.state})"


class DetectorRun(models.Model):
    """When the detectors last ran, so the worker runs them at most every
    `warnings.detect_every_minutes` (rulebook)."""

    started_at = models.DateTimeField(db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.TextField(default="{}")

    def __str__(self):
        return f"detectors at {self.started_at}"
