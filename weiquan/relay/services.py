"""Harassment prevention: the contact gate and its log, contact-log evidence numbers,
masked contact details with virtual numbers, and the buyer's privacy check
(RULES 2.2 a, 3.3, 10.2, 10.3). One function per action."""

import datetime
import hashlib
import json
import secrets
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weiquan.audit.services import record
from weiquan.complaints.services import get_complaint
from weiquan.errors import Conflict, DomainError, Forbidden, NotFound
from weiquan.members.models import Member
from weiquan.rulebook.registry import rulebook_in_force
from weiquan.trades.models import Message, Trade
from weiquan.trades.services import require_platform

from .gate import get_backend
from .models import (
    Address,
    Binding,
    Channel,
    ContactAttempt,
    ContactEvidence,
    ContactProfile,
    PoolNumber,
)

# --- the contact gate (RULES 2.2 a, 10.3) ------------------------------------------------

CHANNELS = frozenset(Channel.values)


def decide_contact(actor, *, trade_id, caller, callee, channel, at=None, message_id="", text=""):
    """Allow or deny one attempt, log it, and store the message sent through the platform
    when a message is allowed (so IM evidence numbers resolve to it, RULES 3.3)."""
    require_platform(actor)
    if channel not in CHANNELS:
        raise DomainError("invalid_input", _("Unknown channel."))
    at = at or timezone.now()
    facts, decision = get_backend().decide(trade_id, caller, callee, channel, at)
    if decision.allowed and text and channel != Channel.CALL:
        Message.objects.get_or_create(
            external_id=message_id or decision.attempt_id,
            defaults={"sender_id": facts.caller_id, "recipient_id": facts.callee_id,
                      "trade_id": facts.trade_pk, "text": text, "sent_at": at},
        )
    return decision


def drain_contact_log():
    """Bring the attempt log into the database (Redis backend; nothing to do on the DB one)."""
    return get_backend().drain()


@transaction.atomic
def report_outcome(actor, attempt_id, *, answered, duration_seconds=0):
    """The provider reports how an allowed call ended (feeds RULES 10.3 "do not call again
    and again when the buyer does not answer")."""
    require_platform(actor)
    drain_contact_log()
    attempt = ContactAttempt.objects.filter(attempt_id=attempt_id).first()
    if attempt is None:
        raise NotFound(message=_("There is no such contact attempt."))
    if not attempt.allowed:
        raise Conflict("attempt_denied", _("This attempt was denied; it has no outcome."))
    if attempt.outcome_at is not None:
        raise Conflict("outcome_already_reported", _("The outcome of this attempt was already reported."))
    attempt.answered, attempt.duration_seconds = answered, duration_seconds if answered else 0
    attempt.outcome_at = timezone.now()
    attempt.save(update_fields=["answered", "duration_seconds", "outcome_at"])
    if answered and attempt.channel == Channel.CALL:
        get_backend().answered(attempt.caller_id, attempt.callee_id)
    return attempt


def contact_preferences(actor):
    profile = ContactProfile.objects.filter(member=actor).first()
    return profile or ContactProfile(member=actor)


@transaction.atomic
def set_contact_preferences(actor, *, channels, zone=""):
    """The member's own choice of channels, e.g. messages only (RULES 10.3 "prefer IM")."""
    unknown = set(channels) - set(Channel.values)
    if unknown or not channels:
        raise DomainError("invalid_input", _("Choose at least one of: call, sms, im."))
    if zone:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise DomainError("invalid_input", _("Unknown time zone.")) from None
    profile, _created = ContactProfile.objects.get_or_create(member=actor)
    profile.allowed_channels = [c for c in Channel.values if c in channels]
    profile.timezone = zone
    profile.save()
    record(actor, "relay.preferences_set", profile, data={"channels": profile.allowed_channels,
                                                          "timezone": zone})
    return profile


# --- contact-log evidence numbers (RULES 3.3) --------------------------------------------

def _iso(value):
    return value.astimezone(datetime.UTC).isoformat(timespec="microseconds") if value else None


def canonical_records(attempts, messages):
    """The records an evidence number stands for, in one fixed form: UTC times, fixed key
    order, sorted by time then id, compact JSON. Its SHA-256 shows they were not changed."""
    usernames = dict(Member.objects.filter(
        pk__in={a.caller_id for a in attempts} | {a.callee_id for a in attempts}
        | {m.sender_id for m in messages} | {m.recipient_id for m in messages}
    ).values_list("pk", "username"))
    records = [
        {"kind": "contact_attempt", "id": a.attempt_id, "trade": a.trade.external_id,
         "from": usernames[a.caller_id], "to": usernames[a.callee_id], "channel": a.channel,
         "at": _iso(a.at), "allowed": a.allowed, "reason": a.reason, "answered": a.answered,
         "duration_seconds": a.duration_seconds}
        for a in attempts
    ] + [
        {"kind": "message", "id": m.external_id, "trade": m.trade.external_id if m.trade else None,
         "from": usernames[m.sender_id], "to": usernames[m.recipient_id], "channel": "im",
         "at": _iso(m.sent_at), "text": m.text}
        for m in messages
    ]
    records.sort(key=lambda r: (r["at"], r["kind"], r["id"]))
    return records


def digest(records):
    body = json.dumps(records, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


@transaction.atomic
def issue_contact_evidence(actor, complaint_id, *, attempt_ids=(), message_ids=()):
    """The complainant picks the calls and messages that show the harassment; they must all
    be between the two parties of the case."""
    complaint = get_complaint(actor, complaint_id)
    if actor.pk != complaint.complainant_id:
        raise Forbidden(message=_("Only the complainant picks contact-log evidence."))
    if not (attempt_ids or message_ids):
        raise DomainError("invalid_input", _("Pick at least one call or message."))
    drain_contact_log()
    pair = {complaint.complainant_id, complaint.respondent_id}
    a, b = pair
    between = Q(caller_id=a, callee_id=b) | Q(caller_id=b, callee_id=a)
    attempts = list(ContactAttempt.objects.filter(between, attempt_id__in=attempt_ids).select_related("trade"))
    msg_between = Q(sender_id=a, recipient_id=b) | Q(sender_id=b, recipient_id=a)
    messages = list(Message.objects.filter(msg_between, external_id__in=message_ids).select_related("trade"))
    if len(attempts) != len(set(attempt_ids)) or len(messages) != len(set(message_ids)):
        # someone else's records do not exist for this case
        raise NotFound("unknown_contact_record",
                       _("Some of these calls or messages are not between the parties of this case."))
    evidence = ContactEvidence.objects.create(
        number="CL" + secrets.token_hex(6).upper(), complaint=complaint,
        sha256=digest(canonical_records(attempts, messages)), created_by=actor,
    )
    evidence.attempts.set(attempts)
    evidence.messages.set(messages)
    record(actor, "relay.contact_evidence_issued", complaint, from_state=complaint.state,
           to_state=complaint.state, rulebook=complaint.rulebook,
           data={"number": evidence.number, "sha256": evidence.sha256,
                 "attempts": sorted(attempt_ids), "messages": sorted(message_ids)})
    return evidence


def resolve_contact_evidence(actor, number):
    """Staff resolve a number to exactly its records and re-check the SHA-256. A party of
    the case may also look; anyone else gets 404."""
    evidence = ContactEvidence.objects.select_related("complaint").filter(number=(number or "").strip()).first()
    if evidence is None:
        raise NotFound("unknown_evidence_number", _("This evidence number is not known."))
    if not actor.is_handler and actor.pk not in evidence.complaint.parties():
        raise NotFound("unknown_evidence_number", _("This evidence number is not known."))
    records = canonical_records(list(evidence.attempts.select_related("trade")),
                                list(evidence.messages.select_related("trade")))
    now_digest = digest(records)
    return evidence, records, now_digest, now_digest == evidence.sha256


# --- contact details and masked relay (RULES 10.2) ----------------------------------------

ADDRESS_FIELDS = ("kind", "province", "city", "district", "street", "building", "unit", "room",
                  "postcode", "is_default")


@transaction.atomic
def push_contact_details(actor, username, *, real_name="", phone="", phone_is_dedicated=False,
                         addresses=()):
    """The marketplace pushes a member's real contact details (replacing its addresses)."""
    require_platform(actor)
    member = Member.objects.filter(username=username).first()
    if member is None:
        raise NotFound("unknown_member", _("There is no such member."))
    profile, _created = ContactProfile.objects.get_or_create(member=member)
    profile.real_name, profile.phone, profile.phone_is_dedicated = real_name, phone, phone_is_dedicated
    profile.save()
    member.addresses.exclude(label__in=[a["label"] for a in addresses]).delete()
    for a in addresses:
        Address.objects.update_or_create(member=member, label=a["label"],
                                         defaults={k: a[k] for k in ADDRESS_FIELDS if k in a})
    record(actor, "relay.contact_details_pushed", profile, data={"addresses": len(addresses)})
    return profile


def own_contact_details(actor):
    return contact_preferences(actor), list(actor.addresses.all())


def _seller_trade(actor, trade_id):
    trade = Trade.objects.select_related("buyer", "seller", "store").filter(external_id=trade_id).first()
    if trade is None or trade.seller_id != actor.pk:
        raise NotFound(message=_("There is no such trade."))
    return trade


def trade_end(trade):
    if trade.status == Trade.Status.SUCCESS:
        return trade.succeeded_at
    if trade.status == Trade.Status.CLOSED:
        return trade.updated_at
    return None


def binding_expiry(trade, gate):
    end = trade_end(trade)
    return end + datetime.timedelta(days=gate.binding_days_after_trade_end) if end else None


def _gate():
    book = rulebook_in_force()
    if book.contact_gate is None:
        raise DomainError("gate_not_configured", _("The rulebook in force has no [contact_gate] table."),
                          status=503)
    return book.contact_gate


@transaction.atomic
def load_pool(actor, numbers, *, active=True):
    require_platform(actor)
    for n in numbers:
        PoolNumber.objects.update_or_create(number=n, defaults={"active": active})
    return PoolNumber.objects.filter(active=True).count()


def release_expired_bindings(now=None):
    """Release, in one statement, every binding whose trade ended long enough ago; its
    number is free again (RULES 10.2). Run by the worker."""
    now = now or timezone.now()
    gate = rulebook_in_force(now).contact_gate
    if gate is None:
        return 0
    cutoff = now - datetime.timedelta(days=gate.binding_days_after_trade_end)
    ended = (Q(trade__status=Trade.Status.SUCCESS, trade__succeeded_at__lte=cutoff)
             | Q(trade__status=Trade.Status.CLOSED, trade__updated_at__lte=cutoff))
    return Binding.objects.filter(ended, released_at__isnull=True).update(released_at=now)


def binding_for_trade(trade, now=None):
    """The trade's live binding, allocating a free pool number if it has none (or None if
    the trade's relay period is over)."""
    now = now or timezone.now()
    gate = _gate()
    expiry = binding_expiry(trade, gate)
    if expiry is not None and expiry <= now:
        return None, expiry
    live = Binding.objects.select_related("number").filter(trade=trade, released_at__isnull=True).first()
    if live:
        return live, expiry
    release_expired_bindings(now)
    for _try in range(5):
        live_on_it = Binding.objects.filter(number=OuterRef("pk"), released_at__isnull=True)
        free = PoolNumber.objects.filter(~Exists(live_on_it), active=True).order_by("?").first()
        if free is None:
            raise DomainError("pool_exhausted", _("No virtual number is free; try again later."), status=503)
        try:
            with transaction.atomic():
                return Binding.objects.create(number=free, trade=trade, created_at=now), expiry
        except IntegrityError:  # someone took it first (or bound this trade): look again
            live = Binding.objects.filter(trade=trade, released_at__isnull=True).first()
            if live:
                return live, expiry
    raise DomainError("pool_exhausted", _("No virtual number is free; try again later."), status=503)


@transaction.atomic
def buyer_contact_for_seller(actor, trade_id):
    """What the seller sees of its buyer: the nickname, a virtual number, the address down
    to the building — never the real name, phone or flat (RULES 10.2)."""
    trade = _seller_trade(actor, trade_id)
    binding, expiry = binding_for_trade(trade)
    address = trade.buyer.addresses.first()
    return {
        "trade_id": trade.external_id,
        "buyer_nickname": trade.buyer.nickname or _("buyer"),
        "virtual_number": binding.number.number if binding else None,
        "virtual_number_expires_at": expiry,
        "address": address.masked() if address else "",
    }


def connect(actor, *, virtual_number, caller, channel, at=None):
    """The provider asks who a call to a virtual number goes to. Only the bound trade's
    seller and buyer reach each other, only while the binding lives, and only if the gate
    allows it."""
    require_platform(actor)
    at = at or timezone.now()
    binding = (Binding.objects.select_related("trade__buyer", "trade__seller")
               .filter(number__number=virtual_number, released_at__isnull=True).first())
    caller_member = Member.objects.filter(username=caller).first()
    trade = binding.trade if binding else None
    if trade is None or caller_member is None or not trade.is_party(caller_member):
        raise NotFound("binding_unknown", _("This number connects nobody for this caller."))
    expiry = binding_expiry(trade, _gate())
    if expiry is not None and expiry <= at:
        # Released for good (not rolled back with the error): the number is free again.
        Binding.objects.filter(pk=binding.pk, released_at__isnull=True).update(released_at=at)
        raise NotFound("binding_expired", _("This virtual number has expired."))
    callee = trade.buyer if caller_member.pk == trade.seller_id else trade.seller
    decision = decide_contact(actor, trade_id=trade.external_id, caller=caller, callee=callee.username,
                              channel=channel, at=at)
    phone = ""
    if decision.allowed:
        phone = ContactProfile.objects.filter(member=callee).values_list("phone", flat=True).first() or ""
    return decision, trade, callee, phone


# --- the buyer's privacy check (RULES 10.2, carried out) ----------------------------------

def privacy_check(actor):
    """Points out what in the buyer's saved details gives more away than needed, with the fix."""
    profile, addresses = own_contact_details(actor)
    findings = []
    if profile.real_name:
        findings.append({"code": "real_name", "subject": "profile",
                         "problem": _("Your real name is on your deliveries."),
                         "fix": _("Use a nickname or just your surname as the recipient.")})
    if profile.phone and not profile.phone_is_dedicated:
        findings.append({"code": "everyday_phone", "subject": "profile",
                         "problem": _("Your everyday phone number is on your deliveries."),
                         "fix": _("Use a separate number only for shopping.")})
    for a in addresses:
        subject = f"address:{a.label}"
        if a.kind == Address.Kind.HOME:
            findings.append({"code": "home_address", "subject": subject,
                             "problem": _("This is your home address."),
                             "fix": _("Have parcels sent to your company or the property management office instead.")})
        if a.unit or a.room:
            findings.append({"code": "flat_number", "subject": subject,
                             "problem": _("This address gives your unit and flat number."),
                             "fix": _("Give only the building; collect the parcel downstairs or at a locker.")})
        if a.postcode:
            findings.append({"code": "postcode", "subject": subject,
                             "problem": _("This address carries a postcode the courier does not need."),
                             "fix": _("Leave the postcode out.")})
    return findings
