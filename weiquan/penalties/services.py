"""Penalties, the seller's ledger, sanctions and appeals (RULES 6, 8)."""

import datetime
import zoneinfo

from django.db import IntegrityError, transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weiquan.audit.services import record
from weiquan.errors import Conflict, DomainError, Forbidden, NotFound
from weiquan.evidence.services import evidence_fields
from weiquan.members.models import AgencyRight, Member
from weiquan.members.services import acting_for, stores_served
from weiquan.notifications.services import notify, notify_agencies, notify_staff
from weiquan.rulebook.calendar import deadline_after
from weiquan.rulebook.registry import get_rulebook

from .models import Appeal, AppealEvidence, LedgerEntry, Penalty, Sanction


def points_period(rulebook, at):
    """The label of the points period `at` falls in. "calendar_year": the local year."""
    local = at.astimezone(zoneinfo.ZoneInfo(rulebook.timezone))
    return str(local.year)


def impose_penalty(actor, complaint, rulebook, tier_penalty, *, permanent_freeze=False):
    """Called by the decision, inside its transaction. One penalty per complaint (RULES 5.3)."""
    now = timezone.now()
    period = points_period(rulebook, now)
    penalty = Penalty.objects.create(
        complaint=complaint, seller=complaint.respondent, store=complaint.store,
        rulebook=rulebook.id, tier=tier_penalty.tier, points=tier_penalty.points,
        point_class=tier_penalty.point_class, compensation=tier_penalty.compensation,
        currency=rulebook.currency,
        compensation_status=Penalty.Compensation.OWED if tier_penalty.compensation else Penalty.Compensation.NONE,
        imposed_at=now, appeal_due=deadline_after(now, rulebook.deadline("appeal"), rulebook.timezone),
        period=period,
    )
    LedgerEntry.objects.create(
        seller=penalty.seller, penalty=penalty, kind=LedgerEntry.Kind.PENALTY, points=penalty.points,
        point_class=penalty.point_class, compensation=penalty.compensation, period=period, at=now,
    )
    if tier_penalty.hide_store_days:
        Sanction.objects.create(
            penalty=penalty, kind=Sanction.Kind.STORE_HIDDEN, seller=penalty.seller, store=penalty.store,
            starts_at=now, ends_at=now + datetime.timedelta(days=tier_penalty.hide_store_days),
        )
    if tier_penalty.freeze != "none" or permanent_freeze:
        permanent = permanent_freeze or tier_penalty.freeze == "permanent"
        Sanction.objects.create(
            penalty=penalty, kind=Sanction.Kind.ACCOUNT_FROZEN, seller=penalty.seller,
            starts_at=now,
            ends_at=None if permanent else now + datetime.timedelta(days=tier_penalty.freeze_days),
        )
    record(actor, "penalty.imposed", penalty, to_state=penalty.state, rulebook=rulebook.id,
           data={"complaint": complaint.pk, "tier": penalty.tier, "points": penalty.points,
                 "point_class": penalty.point_class, "compensation": str(penalty.compensation),
                 "hide_store_days": tier_penalty.hide_store_days,
                 "freeze": "permanent" if permanent_freeze else tier_penalty.freeze})
    return penalty


def _visible_penalties(actor):
    qs = Penalty.objects.select_related("complaint", "store", "seller")
    if actor.is_handler:
        return qs
    # The penalised seller, or an agency granted `appeal` for the store (RULES 1.3).
    return qs.filter(Q(seller=actor) | Q(store__in=stores_served(actor, AgencyRight.APPEAL)))


def seller_summary(actor, username):
    """Points per period, the ledger, and the sanctions in force (RULES 6)."""
    seller = Member.objects.filter(username=username).first()
    if seller is None or not (actor.is_handler or actor.pk == seller.pk):
        raise NotFound()
    now = timezone.now()
    entries = list(LedgerEntry.objects.filter(seller=seller).select_related("penalty"))
    totals = (
        LedgerEntry.objects.filter(seller=seller)
        .values("period", "point_class").annotate(points=Sum("points")).order_by("period", "point_class")
    )
    periods = {}
    for row in totals:
        period = periods.setdefault(row["period"], {"period": row["period"], "points": 0, "by_class": {}})
        period["points"] += row["points"]
        if row["point_class"]:
            period["by_class"][row["point_class"]] = row["points"]
    in_force = Sanction.objects.filter(seller=seller, lifted_at__isnull=True, starts_at__lte=now).filter(
        Q(ends_at__isnull=True) | Q(ends_at__gt=now)
    )
    hidden = dict(
        in_force.filter(kind=Sanction.Kind.STORE_HIDDEN).values("store__name")
        .annotate(until=Max("ends_at")).values_list("store__name", "until")
    )
    freezes = list(in_force.filter(kind=Sanction.Kind.ACCOUNT_FROZEN).values_list("ends_at", flat=True))
    permanent = any(end is None for end in freezes)
    owed = (
        Penalty.objects.filter(seller=seller, compensation_status=Penalty.Compensation.OWED)
        .aggregate(total=Sum("compensation"))["total"]
    )
    return {
        "seller": seller.username,
        "periods": sorted(periods.values(), key=lambda p: p["period"], reverse=True),
        "entries": entries,
        "penalties": list(_visible_penalties(actor).filter(seller=seller)),
        "stores": [{"store": s.name, "hidden_until": hidden.get(s.name)} for s in seller.stores.all()],
        "frozen": bool(freezes),
        "frozen_permanently": permanent,
        "frozen_until": None if permanent or not freezes else max(freezes),
        "compensation_owed": owed or 0,
    }


def get_penalty(actor, penalty_id):
    penalty = _visible_penalties(actor).filter(pk=penalty_id).first()
    if penalty is None:
        raise NotFound()
    return penalty


@transaction.atomic
def file_appeal(actor, penalty_id, *, reason):
    """The penalised seller, or its agency (RULES 1.3), appeals once, within the window
    (RULES 8.1, 8.2)."""
    penalty = get_penalty(actor, penalty_id)
    label = (actor.username if actor.pk == penalty.seller_id
             else acting_for(actor, penalty.store, AgencyRight.APPEAL))
    if label is None:
        raise Forbidden(message=_("Only the penalised seller may appeal."))
    if not (reason or "").strip():
        raise DomainError("invalid_input", _("Give the reason for the appeal."))
    now = timezone.now()
    if Appeal.objects.filter(penalty=penalty).exists():
        raise Conflict("appeal_exists", _("This penalty has already been appealed; only one appeal is allowed."))
    if now > penalty.appeal_due:
        raise DomainError("appeal_window_closed", _("The time to appeal this penalty has passed."))
    rulebook = get_rulebook(penalty.rulebook)
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                penalty=penalty, seller_id=penalty.seller_id, reason=reason.strip(), filed_at=now,
                review_due=deadline_after(now, rulebook.deadline("appeal_review"), rulebook.timezone),
            )
    except IntegrityError:  # a concurrent appeal got there first
        raise Conflict("appeal_exists", _("This penalty has already been appealed; only one appeal is allowed.")) from None
    record(actor, "appeal.filed", appeal, to_state=appeal.state, rulebook=rulebook.id,
           data={"penalty": penalty.pk}, actor_label=label)
    notify_staff("appeal_filed", complaint=penalty.complaint, appeal=appeal)
    return appeal


def get_appeal(actor, appeal_id):
    qs = Appeal.objects.select_related("penalty__complaint", "penalty__store", "seller")
    if not actor.is_handler:
        qs = qs.filter(Q(seller=actor) | Q(penalty__store__in=stores_served(actor, AgencyRight.APPEAL)))
    appeal = qs.filter(pk=appeal_id).first()
    if appeal is None:
        raise NotFound()
    return appeal


@transaction.atomic
def add_appeal_evidence(actor, appeal_id, *, kind, upload=None, reference="", note=""):
    """RULES 8.3: e.g. the IM evidence number of the buyer's agreement, SMS photos, call records."""
    appeal = get_appeal(actor, appeal_id)
    label = (actor.username if actor.pk == appeal.seller_id
             else acting_for(actor, appeal.penalty.store, AgencyRight.APPEAL))
    if label is None:
        raise Forbidden(message=_("Only the appealing seller adds evidence."))
    if appeal.state != Appeal.State.PENDING:
        raise Conflict("appeal_decided", _("This appeal has already been decided."))
    complaint = appeal.penalty.complaint
    fields = evidence_fields(kind=kind, upload=upload, reference=reference, note=note,
                             between=(complaint.complainant, complaint.respondent))
    evidence = AppealEvidence.objects.create(appeal=appeal, submitted_by=actor, **fields)
    record(actor, "appeal.evidence_added", appeal, from_state=appeal.state, to_state=appeal.state,
           rulebook=appeal.penalty.rulebook, data={"evidence": evidence.pk, "kind": kind},
           actor_label=label)
    return evidence


@transaction.atomic
def decide_appeal(actor, appeal_id, *, upheld, reason):
    """Staff review the appeal (RULES 8.2). Upheld: a reversal entry, sanctions lifted."""
    if not actor.is_handler:
        raise Forbidden(message=_("Only platform staff may do this."))
    appeal = get_appeal(actor, appeal_id)
    if not (reason or "").strip():
        raise DomainError("invalid_input", _("Give the reason for the decision."))
    now = timezone.now()
    to_state = Appeal.State.UPHELD if upheld else Appeal.State.REJECTED
    if not Appeal.objects.filter(pk=appeal.pk, state=Appeal.State.PENDING).update(
        state=to_state, decided_at=now, decided_by=actor, decision_reason=reason.strip()
    ):
        raise Conflict("appeal_decided", _("This appeal has already been decided."))
    appeal.state = to_state
    penalty = appeal.penalty
    record(actor, "appeal.decided", appeal, from_state=Appeal.State.PENDING, to_state=to_state,
           rulebook=penalty.rulebook, data={"reason": reason.strip()})
    if upheld:
        _reverse_penalty(actor, penalty, now)
    kind = "appeal_upheld" if upheld else "appeal_rejected"
    notify(appeal.seller, kind, appeal=appeal, complaint=penalty.complaint)
    notify_agencies(penalty.store_id, AgencyRight.APPEAL, kind, appeal=appeal, complaint=penalty.complaint)
    return appeal


def _reverse_penalty(actor, penalty, now):
    LedgerEntry.objects.create(
        seller=penalty.seller, penalty=penalty, kind=LedgerEntry.Kind.REVERSAL, points=-penalty.points,
        point_class=penalty.point_class, compensation=-penalty.compensation,
        period=penalty.period,  # the points leave the period they were counted in
        at=now,
    )
    penalty.sanctions.filter(lifted_at__isnull=True).update(lifted_at=now)
    compensation = penalty.compensation_status
    if compensation == Penalty.Compensation.OWED:
        compensation = Penalty.Compensation.CANCELLED
    Penalty.objects.filter(pk=penalty.pk).update(state=Penalty.State.REVERSED, compensation_status=compensation)
    penalty.state, penalty.compensation_status = Penalty.State.REVERSED, compensation
    record(actor, "penalty.reversed", penalty, from_state=Penalty.State.ACTIVE,
           to_state=Penalty.State.REVERSED, rulebook=penalty.rulebook,
           data={"points": -penalty.points, "compensation": str(-penalty.compensation)})


@transaction.atomic
def record_compensation_paid(actor, penalty_id):
    """The marketplace (or staff) reports that the buyer was paid the compensation (RULES 6, 001)."""
    if not (actor.is_platform or actor.is_handler):
        raise Forbidden(message=_("Only the marketplace or staff record payments."))
    penalty = Penalty.objects.filter(pk=penalty_id).first()
    if penalty is None:
        raise NotFound()
    if not Penalty.objects.filter(pk=penalty.pk, compensation_status=Penalty.Compensation.OWED).update(
        compensation_status=Penalty.Compensation.PAID
    ):
        raise Conflict("compensation_not_owed", _("No compensation is owed on this penalty."))
    before, penalty.compensation_status = penalty.compensation_status, Penalty.Compensation.PAID
    record(actor, "penalty.compensation_paid", penalty, from_state=before, to_state=penalty.compensation_status,
           rulebook=penalty.rulebook, data={"amount": str(penalty.compensation), "currency": penalty.currency})
    return penalty
