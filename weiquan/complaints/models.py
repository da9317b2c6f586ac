from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from weiquan.evidence.models import EvidenceItem


class State(models.TextChoices):
    AWAITING_ANSWER = "awaiting_answer", _("awaiting the seller's answer")
    AWAITING_DECISION = "awaiting_decision", _("awaiting the platform's decision")
    WITHDRAWAL_REVIEW = "withdrawal_review", _("withdrawal under review")
    WITHDRAWN = "withdrawn", _("withdrawn")
    ESTABLISHED = "established", _("established")
    NOT_ESTABLISHED = "not_established", _("not established")


OPEN_STATES = (State.AWAITING_ANSWER, State.AWAITING_DECISION, State.WITHDRAWAL_REVIEW)
DECIDED_STATES = (State.ESTABLISHED, State.NOT_ESTABLISHED)


class Behaviour(models.TextChoices):
    """What malicious harassment looks like (RULES 2.2 a-f)."""

    FREQUENT_CONTACT = "frequent_contact", _("frequent calls, SMS or messages")
    ABUSE = "abuse", _("cursing and insults")
    THREAT = "threat", _("threats of violence, exposure or death")
    REVIEW_OUTSOURCING = "review_outsourcing", _("call bombing by a hired 'review handling' firm")
    HARASSING_ITEMS = "harassing_items", _("mailed harassing items (funeral goods, etc.)")
    HOME_VISIT = "home_visit", _("visits to my home without consent")


class Entry(models.TextChoices):
    """The two ways in (RULES 3.2)."""

    ORDER_LIST = "order_list", _("from my orders")
    RIGHTS_CENTRE = "rights_centre", _("from the rights-protection centre")
    PLATFORM = "platform", _("opened by the platform on its own motion")


BUYER_ENTRIES = (Entry.ORDER_LIST, Entry.RIGHTS_CENTRE)


class Relation(models.TextChoices):
    """Who was harassed, relative to the complainant (RULES 1.2)."""

    SELF = "self", _("myself (the buyer)")
    WORK_UNIT = "work_unit", _("my work unit")
    ASSOCIATE = "associate", _("a person associated with me")
    ASSOCIATE_WORK_UNIT = "associate_work_unit", _("the work unit of a person associated with me")


class Tier(models.TextChoices):
    GENERAL = "general", _("general")
    SERIOUS = "serious", _("serious")
    ESPECIALLY_SERIOUS = "especially_serious", _("especially serious")


class AnswerChoice(models.TextChoices):
    """The respondent's two answers (RULES 4.2)."""

    A = "A", _("A: I did not do it, or not on purpose; I will contact the buyer to clear it up")
    B = "B", _("B: I did not do it, and cannot reach the buyer or talks failed; here is my evidence")


class Complaint(models.Model):
    """A malicious-harassment complaint (恶意骚扰维权) against the seller of a trade."""

    trade = models.ForeignKey("trades.Trade", models.PROTECT, related_name="complaints")
    complainant = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="complaints_filed")
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="complaints_received")
    store = models.ForeignKey("members.Store", models.PROTECT, related_name="complaints")
    relation = models.CharField(_("who was harassed"), max_length=24, choices=Relation.choices, default=Relation.SELF)
    harassed_person = models.CharField(_("name of the person harassed"), max_length=100, blank=True)
    entry = models.CharField(_("entry"), max_length=16, choices=Entry.choices)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                  related_name="+")  # staff, for a case the platform opened itself
    reason = models.TextField(_("reason"))
    state = models.CharField(_("state"), max_length=24, choices=State.choices, default=State.AWAITING_ANSWER)
    rulebook = models.CharField(_("rulebook"), max_length=64)

    filed_at = models.DateTimeField(_("filed at"))
    answer_due = models.DateTimeField(_("answer due"))
    decision_due = models.DateTimeField(_("decision due"))

    answer_choice = models.CharField(max_length=1, choices=AnswerChoice.choices, blank=True)
    answer_explanation = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_missed = models.BooleanField(default=False)

    withdrawal_reference = models.CharField(max_length=64, blank=True)
    withdrawal_requested_at = models.DateTimeField(null=True, blank=True)
    state_before_withdrawal_review = models.CharField(max_length=24, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")

    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="assigned_complaints")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+")
    tier = models.CharField(max_length=24, choices=Tier.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    decision_overdue = models.BooleanField(default=False)
    # Which sweep last moved this row, so the sweep can write its audit entries and
    # notifications with INSERT ... SELECT over exactly the rows it moved.
    sweep_token = models.CharField(max_length=32, blank=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-filed_at", "-id"]
        constraints = [
            # One open harassment complaint per trade and complainant (issue 3, RULES 3).
            models.UniqueConstraint(
                fields=["trade", "complainant"],
                condition=Q(state__in=["awaiting_answer", "awaiting_decision", "withdrawal_review"]),
                name="one_open_complaint_per_trade_and_complainant",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "answer_due"]),
            models.Index(fields=["state", "decision_due"]),
        ]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self):
        return f"#{self.pk} {self.trade_id}"

    @property
    def is_open(self):
        return self.state in OPEN_STATES

    def parties(self):
        return (self.complainant_id, self.respondent_id)


class ComplaintBehaviour(models.Model):
    """A behaviour the complainant reported, or staff found when deciding."""

    class Source(models.TextChoices):
        CLAIMED = "claimed", _("reported by the complainant")
        FOUND = "found", _("found by staff")

    complaint = models.ForeignKey(Complaint, models.CASCADE, related_name="behaviours")
    code = models.CharField(max_length=24, choices=Behaviour.choices)
    source = models.CharField(max_length=8, choices=Source.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["complaint", "code", "source"], name="behaviour_once")]
        indexes = [models.Index(fields=["code", "source"])]


class Evidence(EvidenceItem):
    complaint = models.ForeignKey(Complaint, models.CASCADE, related_name="evidence")

    class Meta(EvidenceItem.Meta):
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
