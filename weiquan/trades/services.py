"""Trades, reviews and messages pushed by the marketplace; IM evidence numbers."""

import secrets

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from weiquan.audit.services import record
from weiquan.errors import DomainError, Forbidden, NotFound
from weiquan.members.services import ensure_member, ensure_store

from .models import ImEvidenceNumber, Message, Trade

TRADE_FIELDS = ("channel", "status", "succeeded_at", "buyer_review", "seller_review", "title")


def require_platform(actor):
    if not (actor.is_platform or actor.is_superuser):
        raise Forbidden(message=_("Only the marketplace's own systems may do this."))


@transaction.atomic
def upsert_trade(actor, external_id, *, buyer, seller, store, channel, status, succeeded_at=None,
                 buyer_review="", seller_review="", title="", buyer_phone_hash="",
                 address_hash="", refund_claimed=False, buyer_registered_at=None):
    """Create or update a trade. A replay of the same data changes nothing (no write, no audit)."""
    require_platform(actor)
    if status == Trade.Status.SUCCESS and succeeded_at is None:
        raise DomainError("invalid_input", _("A successful trade needs its success time."))
    buyer_member = ensure_member(buyer)
    seller_member = ensure_member(seller)
    if buyer_member == seller_member:
        raise DomainError("invalid_input", _("Buyer and seller must be different members."))
    store_obj = ensure_store(store, seller_member)
    if store_obj.owner_id != seller_member.pk:
        raise DomainError("invalid_input", _("This store belongs to another seller."))
    wanted = {
        "buyer_id": buyer_member.pk, "seller_id": seller_member.pk, "store_id": store_obj.pk,
        "channel": channel, "status": status, "succeeded_at": succeeded_at,
        "buyer_review": buyer_review or "", "seller_review": seller_review or "",
        "title": title or "",
        "buyer_phone_hash": buyer_phone_hash or "", "address_hash": address_hash or "",
        "refund_claimed": bool(refund_claimed), "buyer_registered_at": buyer_registered_at,
    }
    trade = Trade.objects.filter(external_id=external_id).first()
    if trade is None:
        try:
            with transaction.atomic():
                trade = Trade.objects.create(external_id=external_id, **wanted)
        except IntegrityError:  # a concurrent push created it first: update it below
            trade = Trade.objects.get(external_id=external_id)
        else:
            record(actor, "trade.created", trade, to_state=status)
            return trade, True
    changed = {k: v for k, v in wanted.items() if getattr(trade, k) != v}
    if not changed:
        return trade, False
    before = trade.status
    for key, value in changed.items():
        setattr(trade, key, value)
    trade.save()
    record(actor, "trade.updated", trade, from_state=before, to_state=trade.status,
           data={"changed": sorted(changed)})
    return trade, True


@transaction.atomic
def push_messages(actor, messages):
    """Store messages the marketplace logged; ones already stored (same id) are skipped."""
    require_platform(actor)
    known = set(
        Message.objects.filter(external_id__in=[m["id"] for m in messages]).values_list(
            "external_id", flat=True
        )
    )
    trades = {
        t.external_id: t
        for t in Trade.objects.filter(external_id__in={m.get("trade_id") for m in messages})
    }
    new = []
    for m in messages:
        if m["id"] in known:
            continue
        known.add(m["id"])
        new.append(Message(
            external_id=m["id"], sender=ensure_member(m["sender"]),
            recipient=ensure_member(m["recipient"]), trade=trades.get(m.get("trade_id")),
            text=m["text"], sent_at=m["sent_at"],
        ))
    Message.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def issue_evidence_number(actor, message_ids):
    """An evidence number for these messages. A member may only cite its own conversations."""
    messages = list(Message.objects.filter(external_id__in=message_ids))
    if not message_ids or len(messages) != len(set(message_ids)):
        raise DomainError("unknown_message", _("Some of these messages are not stored."))
    if not (actor.is_platform or actor.is_handler):
        if any(actor.pk not in (m.sender_id, m.recipient_id) for m in messages):
            raise NotFound()
    number = "IM" + secrets.token_hex(6).upper()
    evidence = ImEvidenceNumber.objects.create(number=number, created_by=actor)
    evidence.messages.set(messages)
    return evidence


def resolve_evidence_number(number, between):
    """The messages an IM evidence number stands for; every one must be between `between`."""
    evidence = ImEvidenceNumber.objects.filter(number=(number or "").strip()).first()
    if evidence is None:
        raise DomainError("unknown_evidence_number", _("This IM evidence number is not known."))
    a, b = (m.pk for m in between)
    messages = list(evidence.messages.select_related("sender", "recipient"))
    pair = Q(sender_id=a, recipient_id=b) | Q(sender_id=b, recipient_id=a)
    if evidence.messages.exclude(pair).exists():
        raise DomainError(
            "evidence_number_not_between_parties",
            _("This IM evidence number covers messages of other members."),
        )
    return evidence, messages


def get_evidence_number(actor, number):
    """Staff resolve any evidence number; a member only one covering its own messages."""
    evidence = ImEvidenceNumber.objects.filter(number=(number or "").strip()).first()
    if evidence is None:
        raise NotFound()
    if not (actor.is_handler or actor.is_platform):
        if evidence.messages.exclude(Q(sender=actor) | Q(recipient=actor)).exists():
            raise NotFound()
    return evidence
