"""Malicious-order warnings (营商保, RULES 9.1-9.4, 9.6) and the malicious-behaviour
complaint centre (RULES 9.5). One function per action, each atomic; state moves are
compare-and-set UPDATEs, so two racing actions cannot both win.

Who may act for a store: its owner, or an agency granted `handle_warnings` for it
(RULES 1.3, through `members.services.acting_for`). Everyone else gets 404.
"""

import json

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weiquan.audit.services import record
from weiquan.errors import Conflict, DomainError, Forbidden, NotFound
from weiquan.evidence.models import REFERENCE_KINDS, EvidenceKind
from weiquan.evidence.services import evidence_fields
from weiquan.members.models import AgencyRight, Member, Store
from weiquan.members.services import acting_for, get_store, stores_served
from weiquan.notifications.services import notify, notify_agencies
from weiquan.rulebook.calendar import deadline_after
from weiquan.rulebook.registry import rulebook_in_force
from weiquan.trades.models import Trade
from weiquan.trades.services import require_platform, resolve_evidence_number

from .models import (
    CaseState,
    MaliciousComplaint,
    MaliciousComplaintEvidence,
    OrderClosure,
    OrderWarning,
    PlatformAction,
    PlatformVerdict,
    Protection,
    Source,
    WarningEvidence,
    WarningState,
)

RIGHT = AgencyRight.HANDLE_WARNINGS

# RULES 9.6: carried in every response about a warned order, and in the help text.
CLOSING_ADVICE = _(
    "Do not close a warned order on your own: the buyer may complain. Close it only after "
    "agreeing with the buyer, and record that agreement (an IM evidence number of your chat, "
    "or the buyer's confirmation in weiquan)."
)


def warning_rules(rulebook):
    if rulebook.warnings is None:
        raise DomainError("warnings_not_configured",
                          _("The rulebook in force has no rules for malicious-order warnings."))
    return rulebook.warnings


def _acting_label(actor, store):
    """The audit label for `actor` acting for `store`, or 404 (RULES 1.3)."""
    label = acting_for(actor, store, RIGHT)
    if label is None:
        raise NotFound()
    return label


def order_marked_normal(trade_id):
    """RULES 9.4: once a warning on this order is marked normal, nothing more is reported."""
    return OrderWarning.objects.filter(trade_id=trade_id, state=WarningState.NORMAL).exists()


def _refuse_marked_normal(trade_id):
    if order_marked_normal(trade_id):
        raise Conflict("order_marked_normal", _(
            "This order was verified as normal; a problem found later can no longer be "
            "reported for it."))


# --- Subscription (RULES 9.1) ----------------------------------------------------------


def protection_of(actor, store_id):
    store = get_store(actor, store_id)
    _acting_label(actor, store)
    protection = Protection.objects.filter(store=store).first()
    return store, bool(protection and protection.enabled)


@transaction.atomic
def set_protection(actor, store_id, enabled):
    """The store's owner turns the protection tool on or off. Turning it off hides no
    history, but no new warnings are raised for the store (RULES 9.1)."""
    store = get_store(actor, store_id)
    if store.owner_id != actor.pk:
        raise Forbidden(message=_("Only the store's owner subscribes to the protection tool."))
    now = timezone.now()
    protection, created = Protection.objects.get_or_create(
        store=store, defaults={"enabled": enabled, "changed_at": now, "changed_by": actor})
    if not created and protection.enabled != enabled:
        Protection.objects.filter(pk=protection.pk).update(enabled=enabled, changed_at=now, changed_by=actor)
    elif not created:
        return store, enabled
    record(actor, "protection.enabled" if enabled else "protection.disabled", store,
           to_state="on" if enabled else "off")
    return store, enabled


def is_protected(store_id):
    return Protection.objects.filter(store_id=store_id, enabled=True).exists()


# --- Raising warnings (RULES 9.1) ------------------------------------------------------


def _clean_actions(actions):
    actions = list(dict.fromkeys(actions or []))
    unknown = [a for a in actions if a not in PlatformAction.values]
    if unknown:
        raise DomainError("invalid_input", _("Unknown platform action: %(actions)s")
                          % {"actions": ", ".join(unknown)})
    return actions


@transaction.atomic
def raise_warning(actor, trade_id, *, type, handled=False, platform_actions=(), reason=""):
    """The marketplace's risk engine reports a risky order (RULES 9.1). `handled`: the
    platform already dealt with it and says what it did; otherwise the seller judges it."""
    require_platform(actor)
    now = timezone.now()
    rulebook = rulebook_in_force(now)
    rules = warning_rules(rulebook)
    trade = Trade.objects.filter(external_id=trade_id).first()
    if trade is None:
        raise NotFound(message=_("There is no such trade."))
    if type not in rules.types:
        raise DomainError("unknown_warning_type", _("The rulebook in force has no such warning type."))
    actions = _clean_actions(platform_actions)
    if handled and not actions:
        raise DomainError("invalid_input", _("Say what the platform did about a handled warning."))
    if not handled and actions:
        raise DomainError("invalid_input", _("A pending warning has no platform actions yet."))
    if not is_protected(trade.store_id):
        raise DomainError("store_not_protected",
                          _("This store does not use the protection tool; no warning is kept."))
    _refuse_marked_normal(trade.pk)
    try:
        with transaction.atomic():
            warning = OrderWarning.objects.create(
                store_id=trade.store_id, trade=trade, buyer_id=trade.buyer_id, type=type,
                source=Source.PLATFORM,
                state=WarningState.HANDLED if handled else WarningState.PENDING,
                evidence_required=rules.evidence_required(type), rulebook=rulebook.id,
                detail=json.dumps({"reason": reason}, ensure_ascii=False),
                platform_actions=json.dumps(actions), raised_at=now,
            )
    except IntegrityError:
        raise Conflict("duplicate_warning",
                       _("This order already has a warning of this type.")) from None
    record(actor, "warning.raised", warning, to_state=warning.state, rulebook=rulebook.id,
           data={"trade": trade.external_id, "type": type, "actions": actions})
    store = trade.store
    notify(store.owner, "warnings_raised", count=1, store=store.name)
    notify_agencies(store, RIGHT, "warnings_raised", count=1, store=store.name)
    return warning


# --- Reading ----------------------------------------------------------------------------

LISTS = {
    "pending": [WarningState.PENDING],
    "handled": [WarningState.HANDLED],
    # What the seller already judged; not one of the two lists of RULES 9.1, kept for history.
    "judged": [WarningState.CONFIRMED, WarningState.NORMAL, WarningState.IGNORED,
               WarningState.PLATFORM_CONFIRMED],
}


def store_warnings(actor, store_id, which):
    """One of the two lists (RULES 9.1) of a store the actor acts for."""
    store = get_store(actor, store_id)
    _acting_label(actor, store)
    if which not in LISTS:
        raise DomainError("invalid_input", _("The list is 'pending' or 'handled'."))
    return store, (OrderWarning.objects.filter(store=store, state__in=LISTS[which])
                   .select_related("trade", "buyer", "store"))


def visible_warnings(actor):
    qs = OrderWarning.objects.select_related("trade", "buyer", "store")
    if actor.is_handler:
        return qs
    return qs.filter(store_id__in=stores_served(actor, RIGHT))


def get_warning_any(warning_id):
    return OrderWarning.objects.select_related("trade", "buyer", "store").get(pk=warning_id)


def get_warning(actor, warning_id):
    warning = visible_warnings(actor).filter(pk=warning_id).first()
    if warning is None:
        raise NotFound()
    return warning


# --- The seller's actions on a pending warning (RULES 9.2-9.4) --------------------------


def _move(warning, to_state, **fields):
    """Compare-and-set from pending; the loser of a race gets a Conflict."""
    changed = OrderWarning.objects.filter(pk=warning.pk, state=WarningState.PENDING).update(
        state=to_state, **fields)
    if not changed:
        raise Conflict("warning_not_pending", _("This warning is no longer pending."))
    for key, value in fields.items():
        setattr(warning, key, value)
    warning.state = to_state


def _save_evidence(warning_or_case, model, fk, actor, items, between):
    """Evidence items: a file (photo of an empty parcel, chat screenshot) or an IM evidence
    number, both through the one evidence intake (`evidence.services.evidence_fields`: the
    number resolved between buyer and seller, the file type-checked and stripped); or, for
    the other kinds, a reference/note (waybill number, call record description...)."""
    rows = []
    for item in items or []:
        kind = item.get("kind", "")
        upload = item.get("upload")
        reference = (item.get("reference") or "").strip()
        note = (item.get("note") or "").strip()
        if upload is not None or kind in REFERENCE_KINDS:
            fields = evidence_fields(kind=kind, upload=upload, reference=reference, note=note,
                                     between=between)
            fields["reference"] = fields["reference"][:64]
        else:
            if kind not in EvidenceKind.values:
                raise DomainError("invalid_input", _("Unknown kind of evidence."))
            if not (reference or note):
                raise DomainError("invalid_input", _("Describe each piece of evidence or give its number."))
            fields = {"kind": kind, "reference": reference[:64], "note": note[:500]}
        rows.append(model.objects.create(**{fk: warning_or_case}, submitted_by=actor, **fields))
    return rows


def _evidence_data(rows):
    return [{"id": r.pk, "kind": r.kind, "sha256": r.blob_id or "", "reference": r.reference}
            for r in rows]


def _trade_parties(trade):
    return (Member.objects.get(pk=trade.buyer_id), Member.objects.get(pk=trade.seller_id))


@transaction.atomic
def confirm_warning(actor, warning_id, *, evidence=(), note=""):
    """Confirm the risk (RULES 9.2): with evidence where the type needs it."""
    warning = get_warning(actor, warning_id)
    label = _acting_label(actor, warning.store)
    if warning.evidence_required and not evidence:
        raise DomainError("evidence_required",
                          _("This kind of warning is confirmed only with evidence."))
    _refuse_marked_normal(warning.trade_id)
    now = timezone.now()
    _move(warning, WarningState.CONFIRMED, decided_at=now, decided_by=actor,
          decided_label=label, decision_note=(note or "").strip())
    rows = _save_evidence(warning, WarningEvidence, "warning", actor, evidence,
                          _trade_parties(warning.trade))
    record(actor, "warning.confirmed", warning, from_state=WarningState.PENDING,
           to_state=warning.state, rulebook=warning.rulebook, actor_label=label,
           data={"evidence": _evidence_data(rows)})
    return warning


@transaction.atomic
def mark_normal(actor, warning_id, *, note=""):
    """Verified normal (核实正常, RULES 9.2). Final: later reports on this order are
    refused (RULES 9.4)."""
    warning = get_warning(actor, warning_id)
    label = _acting_label(actor, warning.store)
    _move(warning, WarningState.NORMAL, decided_at=timezone.now(), decided_by=actor,
          decided_label=label, decision_note=(note or "").strip())
    record(actor, "warning.marked_normal", warning, from_state=WarningState.PENDING,
           to_state=warning.state, rulebook=warning.rulebook, actor_label=label)
    return warning


@transaction.atomic
def ignore_warning(actor, warning_id):
    """Ignore it (RULES 9.2): it leaves the pending list; nothing else changes."""
    warning = get_warning(actor, warning_id)
    label = _acting_label(actor, warning.store)
    _move(warning, WarningState.IGNORED, decided_at=timezone.now(), decided_by=actor,
          decided_label=label)
    record(actor, "warning.ignored", warning, from_state=WarningState.PENDING,
           to_state=warning.state, rulebook=warning.rulebook, actor_label=label)
    return warning


@transaction.atomic
def confirm_batch(actor, store_id, warning_ids, *, note=""):
    """Confirm several pending warnings at once (RULES 9.3): only when none of them needs
    evidence. Otherwise nothing is confirmed, and the error names those that do."""
    store = get_store(actor, store_id)
    label = _acting_label(actor, store)
    ids = list(dict.fromkeys(warning_ids))
    if not ids:
        raise DomainError("invalid_input", _("Select at least one warning."))
    warnings = list(OrderWarning.objects.filter(store=store, pk__in=ids).select_related("trade"))
    if len(warnings) != len(ids):
        raise NotFound(message=_("Some of these warnings are not this store's."))
    needs = sorted((w for w in warnings if w.evidence_required), key=lambda w: w.pk)
    if needs:
        # Named by order number, as the seller knows them; the ids are in the details.
        raise DomainError(
            "batch_needs_evidence",
            _("These warnings need their own evidence and cannot be confirmed in a batch: %(orders)s")
            % {"orders": ", ".join(w.trade.external_id for w in needs)},
            details={"warning_ids": [w.pk for w in needs], "trade_ids": [w.trade.external_id for w in needs]},
        )
    not_pending = sorted(w.pk for w in warnings if w.state != WarningState.PENDING)
    if not_pending:
        raise Conflict("warning_not_pending", _("Some of these warnings are no longer pending."),
                       details={"warning_ids": not_pending})
    normal = sorted(w.pk for w in warnings if order_marked_normal(w.trade_id))
    if normal:
        raise Conflict("order_marked_normal", _(
            "Some of these orders were verified as normal; a problem found later can no "
            "longer be reported for them."), details={"warning_ids": normal})
    now = timezone.now()
    changed = OrderWarning.objects.filter(pk__in=ids, state=WarningState.PENDING).update(
        state=WarningState.CONFIRMED, decided_at=now, decided_by=actor, decided_label=label,
        decision_note=(note or "").strip())
    if changed != len(ids):  # another request moved one meanwhile: undo all of it
        raise Conflict("warning_not_pending", _("Some of these warnings are no longer pending."))
    for warning in warnings:
        record(actor, "warning.confirmed", warning, from_state=WarningState.PENDING,
               to_state=WarningState.CONFIRMED, rulebook=warning.rulebook, actor_label=label,
               data={"batch": True})
        warning.state = WarningState.CONFIRMED
    return warnings


# --- The malicious-behaviour complaint centre (RULES 9.5) -------------------------------


def visible_cases(actor):
    qs = MaliciousComplaint.objects.select_related("trade", "store", "buyer", "warning")
    if actor.is_handler:
        return qs
    return qs.filter(store_id__in=stores_served(actor, RIGHT))


def get_case(actor, case_id):
    case = visible_cases(actor).filter(pk=case_id).first()
    if case is None:
        raise NotFound()
    return case


@transaction.atomic
def file_malicious_complaint(actor, trade_id, *, reason, evidence=(), warning_id=None):
    """A seller sure an order is malicious complains (RULES 9.5); staff decide within
    the rulebook's working days."""
    now = timezone.now()
    trade = Trade.objects.filter(external_id=trade_id).select_related("store").first()
    if trade is None:
        raise NotFound(message=_("There is no such trade."))
    label = _acting_label(actor, trade.store)
    rulebook = rulebook_in_force(now)
    rules = warning_rules(rulebook)
    warning = None
    if warning_id is not None:
        warning = OrderWarning.objects.filter(pk=warning_id, trade=trade).first()
        if warning is None:
            raise NotFound(message=_("There is no such warning on this order."))
    if not (reason or "").strip():
        raise DomainError("invalid_input", _("Describe what the buyer did."))
    if not evidence:
        raise DomainError("evidence_required", _("A malicious-behaviour complaint needs evidence."))
    _refuse_marked_normal(trade.pk)  # RULES 9.4
    try:
        with transaction.atomic():
            case = MaliciousComplaint.objects.create(
                store=trade.store, trade=trade, buyer_id=trade.buyer_id, complainant=actor,
                complainant_label=label, warning=warning, reason=reason.strip(),
                rulebook=rulebook.id, filed_at=now,
                decision_due=deadline_after(now, rules.complaint_decision, rulebook.timezone),
            )
    except IntegrityError:
        raise Conflict("duplicate_malicious_complaint",
                       _("This order already has an open malicious-behaviour complaint.")) from None
    rows = _save_evidence(case, MaliciousComplaintEvidence, "complaint", actor, evidence,
                          _trade_parties(trade))
    record(actor, "malicious_complaint.filed", case, to_state=case.state, rulebook=rulebook.id,
           actor_label=label, data={"trade": trade.external_id, "warning": warning_id,
                                    "evidence": _evidence_data(rows)})
    for member in Member.objects.filter(role=Member.Role.STAFF, is_active=True):
        notify(member, "malicious_complaint_filed", case=case.pk, trade=trade.external_id,
               due=case.decision_due.isoformat())
    return case


@transaction.atomic
def decide_malicious_complaint(actor, case_id, *, established, reason, platform_actions=()):
    """Staff verify and decide (RULES 9.5). Established: the platform says what it did
    (metrics cleaned, account penalised), as for a handled warning (RULES 9.1)."""
    if not actor.is_handler:
        raise Forbidden(message=_("Only platform staff may do this."))
    case = get_case(actor, case_id)
    if not (reason or "").strip():
        raise DomainError("invalid_input", _("Give the reason for the decision."))
    actions = _clean_actions(platform_actions) if established else []
    to_state = CaseState.ESTABLISHED if established else CaseState.NOT_ESTABLISHED
    now = timezone.now()
    if not MaliciousComplaint.objects.filter(pk=case.pk, state=CaseState.AWAITING_VERIFICATION).update(
        state=to_state, decided_at=now, decided_by=actor, decision_reason=reason.strip(),
        platform_actions=json.dumps(actions),
    ):
        raise Conflict("already_decided", _("This complaint has already been decided."))
    case.state, case.decided_at, case.decision_reason = to_state, now, reason.strip()
    case.platform_actions = json.dumps(actions)
    record(actor, "malicious_complaint.decided", case, from_state=CaseState.AWAITING_VERIFICATION,
           to_state=to_state, rulebook=case.rulebook,
           data={"reason": case.decision_reason, "actions": actions})
    if case.warning_id is not None:
        _warning_after_decision(actor, case, established, now)
    outcome = _("established") if established else _("not established")
    recipients = {case.complainant_id, case.store.owner_id}
    for member in Member.objects.filter(pk__in=recipients):
        notify(member, "malicious_complaint_decided", case=case.pk, outcome=str(outcome))
    notify_agencies(case.store, RIGHT, "malicious_complaint_decided", exclude=recipients,
                    case=case.pk, outcome=str(outcome))
    return case


# A warning the seller judged, or left pending, becomes "confirmed by the platform" once
# staff establish the complaint made from it. Verified normal stays final (RULES 9.4), and
# a warning the platform handled itself stays in the handled list (RULES 9.1).
PLATFORM_CONFIRMABLE = [WarningState.PENDING, WarningState.CONFIRMED, WarningState.IGNORED]


def _warning_after_decision(actor, case, established, now):
    """RULES 9.5: the decision on a complaint made from a warning is written on the
    warning — established: confirmed by the platform; not established: noted."""
    warning = OrderWarning.objects.select_for_update().get(pk=case.warning_id)
    verdict = PlatformVerdict.ESTABLISHED if established else PlatformVerdict.NOT_ESTABLISHED
    fields = {"platform_verdict": verdict, "platform_verdict_at": now}
    to_state = warning.state
    if established and warning.state in PLATFORM_CONFIRMABLE:
        to_state = WarningState.PLATFORM_CONFIRMED
        fields["state"] = to_state
        if warning.decided_at is None:
            fields.update(decided_at=now, decided_by=actor)
    OrderWarning.objects.filter(pk=warning.pk).update(**fields)
    record(actor, "warning.platform_verdict", warning, from_state=warning.state, to_state=to_state,
           rulebook=warning.rulebook, data={"case": case.pk, "verdict": verdict})


# --- Closing a warned order (RULES 9.6) -------------------------------------------------


def _close_trade(actor, trade, label, closure):
    before = trade.status
    Trade.objects.filter(pk=trade.pk).update(status=Trade.Status.CLOSED, updated_at=timezone.now())
    trade.status = Trade.Status.CLOSED
    record(actor, "trade.closed", trade, from_state=before, to_state=trade.status, actor_label=label,
           data={"closure": closure.pk, "agreement": closure.agreement, "reference": closure.reference})


@transaction.atomic
def close_warned_order(actor, warning_id, *, im_evidence_number=""):
    """RULES 9.6: never unilaterally. With an IM evidence number of the agreement between
    buyer and seller the order is closed at once; without, the buyer is asked and the
    order closes only when the buyer agrees through weiquan."""
    warning = get_warning(actor, warning_id)
    label = _acting_label(actor, warning.store)
    trade = Trade.objects.get(pk=warning.trade_id)
    if trade.status not in (Trade.Status.PAID, Trade.Status.SHIPPED):
        raise Conflict("order_not_open", _("Only an order still in progress can be closed."))
    now = timezone.now()
    number = (im_evidence_number or "").strip()
    if number:
        resolve_evidence_number(number, between=_trade_parties(trade))
    try:
        with transaction.atomic():
            closure = OrderClosure.objects.create(
                warning=warning, trade=trade, requested_by=actor, requested_label=label,
                requested_at=now,
                state=OrderClosure.State.AGREED if number else OrderClosure.State.AWAITING_BUYER,
                agreement=OrderClosure.Agreement.IM_EVIDENCE_NUMBER if number else "",
                reference=number, settled_at=now if number else None,
            )
    except IntegrityError:
        raise Conflict("closure_pending", _("The buyer has not answered the last request yet.")) from None
    record(actor, "order_closure.requested", closure, to_state=closure.state, actor_label=label,
           data={"trade": trade.external_id, "reference": number})
    if number:
        _close_trade(actor, trade, label, closure)
    else:
        notify(Member.objects.get(pk=trade.buyer_id), "order_closure_requested", trade=trade.external_id)
    return closure


def get_closure_for_buyer(actor, closure_id):
    closure = OrderClosure.objects.filter(pk=closure_id, trade__buyer=actor).select_related("trade").first()
    if closure is None:
        raise NotFound()
    return closure


@transaction.atomic
def answer_closure(actor, closure_id, *, agree):
    """The buyer agrees (the order closes) or refuses (it goes on) (RULES 9.6)."""
    closure = get_closure_for_buyer(actor, closure_id)
    now = timezone.now()
    to_state = OrderClosure.State.AGREED if agree else OrderClosure.State.REFUSED
    if not OrderClosure.objects.filter(pk=closure.pk, state=OrderClosure.State.AWAITING_BUYER).update(
        state=to_state, settled_at=now,
        agreement=OrderClosure.Agreement.BUYER_CONFIRMATION if agree else "",
    ):
        raise Conflict("closure_settled", _("This request has already been answered."))
    closure.state, closure.settled_at = to_state, now
    closure.agreement = OrderClosure.Agreement.BUYER_CONFIRMATION if agree else ""
    record(actor, "order_closure.answered", closure, from_state=OrderClosure.State.AWAITING_BUYER,
           to_state=to_state)
    if agree:
        trade = closure.trade
        if trade.status in (Trade.Status.PAID, Trade.Status.SHIPPED):
            _close_trade(actor, trade, actor.username, closure)
    return closure


def pending_closures_for_buyer(actor):
    return OrderClosure.objects.filter(trade__buyer=actor, state=OrderClosure.State.AWAITING_BUYER)


def stores_for(actor):
    """Stores the actor owns or serves for warnings, with whether each is protected."""
    stores = Store.objects.filter(pk__in=stores_served(actor, RIGHT)).order_by("name")
    on = set(Protection.objects.filter(store__in=stores, enabled=True).values_list("store_id", flat=True))
    return [(s, s.pk in on) for s in stores]

