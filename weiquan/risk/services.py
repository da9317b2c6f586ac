"""Risk signals from the platform's own data, read incrementally (issue 6 §3).

Messages are screened once each, in id order, from a cursor: never by rescanning history.
A buyer who receives a harmful message is told, and may complain with it attached.
Staff see each pair's signals, and a queue of pairs with strong signals and no complaint.
"""

import datetime
import json
import logging

from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef
from django.utils.translation import gettext_lazy as _

from weiquan.complaints.models import Complaint
from weiquan.db import exclusive_section
from weiquan.errors import DomainError, Forbidden
from weiquan.notifications.services import notify
from weiquan.rulebook.registry import rulebook_in_force
from weiquan.screening.screener import screen_many
from weiquan.trades.models import Message

from .models import RiskSignal, ScanCursor

SCREEN_BATCH = 2000
log = logging.getLogger(__name__)


def _cursor(name):
    cursor, _created = ScanCursor.objects.get_or_create(name=name)
    return cursor


def risk_rules():
    rules = rulebook_in_force().risk
    if rules is None:
        raise DomainError("rulebook_incomplete", _("The rulebook in force has no [risk] table."))
    return rules


def screen_new_messages(batch=SCREEN_BATCH):
    """Screen messages stored since the last run. Several workers may call it: one at a time
    passes the exclusive section, the others then find nothing new."""
    rules = risk_rules()
    notify_labels = set(rules.notify_labels)
    screened = 0
    while True:
        with transaction.atomic():
            exclusive_section("risk-screen-messages")
            cursor = _cursor("messages")
            messages = list(Message.objects.filter(pk__gt=cursor.last_id).order_by("pk")
                            .select_related("recipient")[:batch])
            if not messages:
                return screened
            signals = []
            # One batch: the screener's model reads all of them in one vectorised pass.
            results = screen_many([message.text for message in messages], batch_size=batch)
            for message, result in zip(messages, results, strict=True):
                for label in result.labels:
                    spans = [s for s in result.spans if s["label"] == label]
                    signals.append(RiskSignal(
                        actor_id=message.sender_id, target_id=message.recipient_id,
                        source=RiskSignal.Source.MESSAGE, kind=label, score=result.scores.get(label, 1.0),
                        message=message, detail=json.dumps({"spans": spans}, ensure_ascii=False),
                        first_at=message.sent_at, last_at=message.sent_at,
                    ))
                harmful = sorted(notify_labels.intersection(result.labels))
                if harmful:
                    notify(message.recipient, "harmful_message", message=message.external_id,
                           labels=harmful)
            RiskSignal.objects.bulk_create(signals, ignore_conflicts=True)
            ScanCursor.objects.filter(pk=cursor.pk).update(last_id=messages[-1].pk)
            screened += len(messages)


def scan_new_contacts(batch=5000):
    """Scan the contact log incrementally (issue 6 §2, §3; RULES 2.2 a, d).

    Only callees with new attempts since the cursor are looked at, and for each only the
    attempts inside the longest window the patterns need, so the work follows what arrived,
    not the size of the history. Every attempt counts, allowed or not: trying to call twenty
    times an hour is harassment even when the gate stopped most of the calls.
    """
    from weiquan.relay.models import ContactAttempt
    from weiquan.screening.contact_scan.scanner import scan_rows
    from weiquan.screening.contact_scan.thresholds import Thresholds

    rulebook = rulebook_in_force()
    thresholds = Thresholds.from_mapping(rulebook.contact_patterns)
    horizon = datetime.timedelta(
        days=thresholds.night_days,
        minutes=max(thresholds.burst_minutes, thresholds.redial_minutes, thresholds.bombing_minutes),
    )
    scanned = 0
    while True:
        with transaction.atomic():
            exclusive_section("risk-scan-contacts")
            cursor = _cursor("contacts")
            new = list(ContactAttempt.objects.filter(pk__gt=cursor.last_id).order_by("pk")
                       .values_list("pk", "callee_id", "at")[:batch])
            if not new:
                return scanned
            callees = {callee for _pk, callee, _at in new}
            since = min(at for _pk, _callee, at in new) - horizon
            rows = ContactAttempt.objects.filter(callee_id__in=callees, at__gte=since).values_list(
                "at", "caller_id", "callee_id", "channel", "answered")
            # A call the gate refused, or whose outcome the provider has not reported, did
            # not reach the callee: for the patterns it is an unanswered call.
            results = scan_rows(
                ({"ts": at, "caller": str(caller), "callee": str(callee), "channel": channel,
                  "answered": bool(answered) if channel == "call" else None}
                 for at, caller, callee, channel, answered in rows),
                thresholds, on_bad_row=lambda bad: log.warning("contact log row skipped: %s", bad),
            )
            for result in results:
                _keep_contact_signal(result, rulebook.risk)
            ScanCursor.objects.filter(pk=cursor.pk).update(last_id=new[-1][0])
            scanned += len(new)


def _keep_contact_signal(result, rules):
    actor = int(result["caller"]) if result["caller"] is not None else None
    for pattern in result["patterns"]:
        RiskSignal.objects.update_or_create(
            actor_id=actor, target_id=int(result["callee"]), source=RiskSignal.Source.CONTACTS, kind=pattern,
            defaults={"score": rules.pattern_score, "first_at": result["first"], "last_at": result["last"],
                      "detail": json.dumps({"counts": result["counts"]})},
        )


def pair_signals(actor_id, target_id):
    return RiskSignal.objects.filter(actor_id=actor_id, target_id=target_id).select_related("message")


def signals_for_case(viewer, complaint):
    if not viewer.is_handler:
        raise Forbidden(message=_("Only platform staff may do this."))
    return pair_signals(complaint.respondent_id, complaint.complainant_id)


def strong_pairs(viewer, *, limit=100):
    """Pairs whose strongest signal reaches the rulebook's threshold and that no complaint
    covers yet: the platform may act on its own motion (RULES 9.1's model)."""
    if not viewer.is_handler:
        raise Forbidden(message=_("Only platform staff may do this."))
    covered = Complaint.objects.filter(respondent_id=OuterRef("actor_id"), complainant_id=OuterRef("target_id"))
    return (
        RiskSignal.objects.filter(actor__isnull=False).values("actor_id", "actor__username", "target_id", "target__username")
        .annotate(strongest=Max("score"), signals=Count("id"), last_at=Max("last_at"),
                  covered=Exists(covered))
        .filter(strongest__gte=risk_rules().strong_score, covered=False)
        .order_by("-strongest", "-last_at")[:limit]
    )


@transaction.atomic
def open_case_on_platforms_motion(staff, *, seller_username, buyer_username, reason):
    """Staff open a harassment case for a buyer who did not complain. The buyer becomes the
    complainant (so the buyer sees and follows it); the entry says the platform opened it."""
    from weiquan.complaints.services import open_case_for_buyer
    from weiquan.members.models import Member

    if not staff.is_handler:
        raise Forbidden(message=_("Only platform staff may do this."))
    seller = Member.objects.filter(username=seller_username).first()
    buyer = Member.objects.filter(username=buyer_username).first()
    if seller is None or buyer is None:
        raise DomainError("not_found", _("Not found."), status=404)
    kinds = sorted(set(pair_signals(seller.pk, buyer.pk).values_list("kind", flat=True)))
    behaviour_of = risk_rules().behaviour_of
    behaviours = sorted({behaviour_of[k] for k in kinds if k in behaviour_of})
    if not behaviours:
        raise DomainError("no_signals", _("The platform has seen nothing between these two members to act on."))
    message_ids = list(pair_signals(seller.pk, buyer.pk).filter(message__isnull=False)
                       .order_by("message__sent_at").values_list("message__external_id", flat=True).distinct())
    return open_case_for_buyer(staff, seller=seller, buyer=buyer, reason=reason, behaviours=behaviours,
                               signals=kinds, message_ids=message_ids)
