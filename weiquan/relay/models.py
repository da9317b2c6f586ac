"""Buyers' contact details, the masked relay (virtual numbers), the contact gate's log,
and contact-log evidence numbers (RULES 2.2 a, 3.3, 10.2, 10.3)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    CALL = "call", _("phone call")
    SMS = "sms", _("SMS")
    IM = "im", _("instant message")


class ContactProfile(models.Model):
    """A member's real contact details, pushed by the marketplace, and its own contact
    preferences. Sellers never see the real name or phone (RULES 10.2)."""

    member = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="contact_profile")
    real_name = models.CharField(_("real name"), max_length=100, blank=True)
    phone = models.CharField(_("phone number"), max_length=32, blank=True)
    phone_is_dedicated = models.BooleanField(_("dedicated shopping number"), default=False)
    # The member's own choice (RULES 10.3 "prefer IM"): the channels it accepts; empty = all.
    allowed_channels = models.JSONField(_("accepted channels"), default=list, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contact profile")
        verbose_name_plural = _("contact profiles")

    def __str__(self):
        return str(self.member)


class Address(models.Model):
    class Kind(models.TextChoices):
        HOME = "home", _("home")
        COMPANY = "company", _("company")
        PROPERTY = "property", _("property management office")

    member = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="addresses")
    label = models.CharField(max_length=64)  # the marketplace's id for this address
    kind = models.CharField(_("address type"), max_length=16, choices=Kind.choices, default=Kind.HOME)
    province = models.CharField(_("province"), max_length=64)
    city = models.CharField(_("city"), max_length=64)
    district = models.CharField(_("district"), max_length=64, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    building = models.CharField(_("building"), max_length=100, blank=True)
    unit = models.CharField(_("unit"), max_length=32, blank=True)
    room = models.CharField(_("room"), max_length=32, blank=True)
    postcode = models.CharField(_("postcode"), max_length=16, blank=True)
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_default", "id"]
        constraints = [models.UniqueConstraint(fields=["member", "label"], name="address_label_once")]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self):
        return f"{self.member} {self.label}"

    def masked(self):
        """Down to the building, never the unit or room (RULES 10.2)."""
        return " ".join(p for p in (self.province, self.city, self.district, self.street, self.building) if p)


class ReviewStamp(models.Model):
    """When the buyer's negative review of a trade was first seen (RULES 2.2 a: contact
    after a negative review), kept here so the trades app needs no new column."""

    trade = models.OneToOneField("trades.Trade", models.CASCADE, related_name="+")
    negative_at = models.DateTimeField()

    def __str__(self):
        return f"{self.trade_id} {self.negative_at:%Y-%m-%d}"


class PoolNumber(models.Model):
    """A number of the relay provider's pool; bound to one trade at a time."""

    number = models.CharField(max_length=32, unique=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pool number")
        verbose_name_plural = _("pool numbers")

    def __str__(self):
        return self.number


class Binding(models.Model):
    """A virtual number bound to one trade: relays its seller and buyer to each other until
    `binding_days_after_trade_end` after the trade ends, then it is released and reused."""

    number = models.ForeignKey(PoolNumber, models.PROTECT, related_name="bindings")
    trade = models.ForeignKey("trades.Trade", models.CASCADE, related_name="+")
    created_at = models.DateTimeField()
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["number"], condition=Q(released_at__isnull=True),
                                    name="one_live_binding_per_number"),
            models.UniqueConstraint(fields=["trade"], condition=Q(released_at__isnull=True),
                                    name="one_live_binding_per_trade"),
        ]
        verbose_name = _("number binding")
        verbose_name_plural = _("number bindings")

    def __str__(self):
        return f"{self.number_id} -> {self.trade_id}"


class GatePair(models.Model):
    """The DB backend's locked counter row for one caller -> callee direction: taking a slot
    locks it, so two calls racing for the last slot are serialised (RULES 10.3)."""

    caller = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    callee = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    unanswered_run = models.PositiveIntegerField(default=0)
    last_call_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["caller", "callee"], name="gate_pair_once")]

    def __str__(self):
        return f"{self.caller_id} -> {self.callee_id}"


class ContactAttempt(models.Model):
    """One attempt to contact someone through the platform and the gate's answer: the
    contact log (RULES 2.2 a, 3.3)."""

    attempt_id = models.CharField(max_length=32, unique=True)
    trade = models.ForeignKey("trades.Trade", models.CASCADE, related_name="contact_attempts")
    caller = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    callee = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    channel = models.CharField(pgettext_lazy("way of contact", "channel"), max_length=8, choices=Channel.choices)
    at = models.DateTimeField(_("at"))
    allowed = models.BooleanField(_("allowed"))
    reason = models.CharField(_("reason"), max_length=32)
    answered = models.BooleanField(_("answered"), null=True, blank=True)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["caller", "callee", "channel", "at"])]
        verbose_name = _("contact attempt")
        verbose_name_plural = _("contact attempts")

    def __str__(self):
        return self.attempt_id


class ContactEvidence(models.Model):
    """An evidence number (举证号) over chosen contact-log entries and messages of one case,
    with the SHA-256 of their canonical form when issued (RULES 3.3)."""

    number = models.CharField(max_length=32, unique=True)
    complaint = models.ForeignKey("complaints.Complaint", models.CASCADE, related_name="contact_evidence")
    attempts = models.ManyToManyField(ContactAttempt, related_name="+", blank=True)
    messages = models.ManyToManyField("trades.Message", related_name="+", blank=True)
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contact-log evidence number")
        verbose_name_plural = _("contact-log evidence numbers")

    def __str__(self):
        return self.number
