from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Trade(models.Model):
    """A trade as the marketplace reports it (RULES 3.1 reads its channel, status, reviews)."""

    class Status(models.TextChoices):
        PAID = "paid", _("paid")
        SHIPPED = "shipped", _("shipped")
        SUCCESS = "success", _("trade successful")
        CLOSED = "closed", _("closed")

    class Review(models.TextChoices):
        POSITIVE = "positive", _("positive")
        NEUTRAL = "neutral", _("neutral")
        NEGATIVE = "negative", _("negative")

    external_id = models.CharField(_("trade number"), max_length=64, unique=True)
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="purchases")
    seller = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="sales")
    store = models.ForeignKey("members.Store", models.PROTECT, related_name="trades")
    channel = models.CharField(_("channel"), max_length=32)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    succeeded_at = models.DateTimeField(_("succeeded at"), null=True, blank=True)
    buyer_review = models.CharField(max_length=16, choices=Review.choices, blank=True)
    seller_review = models.CharField(max_length=16, choices=Review.choices, blank=True)
    title = models.CharField(_("item"), max_length=200, blank=True)
    # Optional risk signals for the malicious-order detectors (RULES 9.1). The marketplace
    # sends hashes, never the phone number or address itself.
    buyer_phone_hash = models.CharField(max_length=64, blank=True)
    address_hash = models.CharField(max_length=64, blank=True)
    refund_claimed = models.BooleanField(default=False)
    buyer_registered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # Covering indexes for the set-based warning detectors (weiquan/warnings/detectors.py):
        # per-buyer aggregates, per-store windows, and buyers per phone or address hash.
        indexes = [
            models.Index(fields=["buyer", "created_at", "refund_claimed"], name="trade_buyer_created"),
            models.Index(fields=["store", "created_at"], name="trade_store_created"),
            models.Index(fields=["buyer_phone_hash", "buyer", "created_at"], name="trade_phone_hash"),
            models.Index(fields=["address_hash", "buyer", "created_at"], name="trade_address_hash"),
            models.Index(fields=["buyer_review", "created_at"], name="trade_review_created"),
        ]
        verbose_name = _("trade")
        verbose_name_plural = _("trades")

    def __str__(self):
        return self.external_id

    def is_party(self, member):
        return member.pk in (self.buyer_id, self.seller_id)


class Message(models.Model):
    """A message between two members, as the marketplace's IM (阿里旺旺) logged it."""

    external_id = models.CharField(max_length=64, unique=True)
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    trade = models.ForeignKey(Trade, models.SET_NULL, null=True, blank=True, related_name="messages")
    text = models.TextField()
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["sent_at", "id"]
        indexes = [models.Index(fields=["sender", "recipient", "sent_at"])]


class ImEvidenceNumber(models.Model):
    """An IM evidence number (阿里旺旺举证号, RULES 3.3): a reference the platform
    resolves to the exact messages it stands for."""

    number = models.CharField(max_length=32, unique=True)
    messages = models.ManyToManyField(Message, related_name="evidence_numbers")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.number
