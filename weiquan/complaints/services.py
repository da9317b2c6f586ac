"""Every change to a harassment complaint goes through one function here (RULES 3-5).

Each is atomic and moves the state with a compare-and-set UPDATE (`... WHERE state IN
allowed`), so two actions racing on one case cannot both win on either database: the
loser gets a Conflict with a stable code.
"""

from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weiquan.audit.services import record
from weiquan.errors import Conflict, DomainError, Forbidden, NotFound
from weiquan.evidence.models import EvidenceKind
from weiquan.evidence.services import evidence_fields
from weiquan.members.models import AgencyRight
from weiquan.members.services import acting_for, stores_served
from weiquan.notifications.services import notify, notify_agencies, notify_staff
from weiquan.rulebook.calendar import deadline_after
from weiquan.rulebook.registry import get_rulebook, rulebook_in_force
from weiquan.trades.models import Trade
from weiquan.trades.services import resolve_evidence_number

from .models import (
    BUYER_ENTRIES,
    DECIDED_STATES,
    OPEN_STATES,
    AnswerChoice,
    Behaviour,
    Complaint,
    ComplaintBehaviour,
    Entry,
    Evidence,
    Relation,
    State,
)


class NotEligible(DomainError):
    status = 422


ELIGIBILITY_MESSAGES = {
    "not_a_party": _("Only the buyer of this trade, or someone filing for a person it harassed, may complain."),
    "channel_excluded": _("Trades in this channel are handled elsewhere and cannot be complained about here."),
    "trade_not_successful": _("A complaint can be filed only once the trade is successful."),
    "window_closed": _("The time to complain about this trade has passed."),
    "review_required": _("A complaint needs your neutral or negative review, and both sides must have reviewed."),
    "duplicate_complaint": _("You already have an open harassment complaint about this trade."),
}


def visible_complaints(actor):
    """The complaints `actor` may see: staff see all, a member only its own cases, an
    agency those of the stores it answers complaints for (RULES 1.3)."""
    qs = Complaint.objects.select_related("trade", "store", "complainant", "respondent")
    if actor.is_handler:
        return qs
    return qs.filter(Q(complainant=actor) | Q(respondent=actor)
                     | Q(store__in=stores_served(actor, AgencyRight.ANSWER_COMPLAINTS)))


def search_complaints(actor, *, state=None, tier=None, behaviour=None, rulebook=None,
                      overdue=None, assigned_to=None, by_deadline=False):
    """The complaints `actor` may see, filtered as the staff queue filters them. With
    `by_deadline`, the next deadline first (the answer's while awaiting it, else the
    decision's); otherwise the newest first."""
    qs = visible_complaints(actor)
    if state:
        qs = qs.filter(state=state)
    if tier:
        qs = qs.filter(tier=tier)
    if behaviour:
        qs = qs.filter(behaviours__code=behaviour).distinct()
    if rulebook:
        qs = qs.filter(rulebook=rulebook)
    if overdue is not None:
        qs = qs.filter(decision_overdue=overdue)
    if assigned_to:
        qs = qs.filter(assigned_to__username=assigned_to)
    if by_deadline:
        next_due = Case(When(state=State.AWAITING_ANSWER, then=F("answer_due")), default=F("decision_due"))
        qs = qs.annotate(next_due=next_due).order_by("next_due", "id")
    return qs


def get_complaint(actor, complaint_id):
    """A case that is not yours does not exist for you (404, never 403)."""
    complaint = visible_complaints(actor).filter(pk=complaint_id).first()
    if complaint is None:
        raise NotFound()
    return complaint


def respondent_label(actor, complaint):
    """Who acts for the respondent, as the audit trail names it: the seller itself, or an
    agency its store granted the right to answer complaints (RULES 1.3); None otherwise."""
    if actor.pk == complaint.respondent_id:
        return actor.username
    return acting_for(actor, complaint.store, AgencyRight.ANSWER_COMPLAINTS)


def _conflict_for(state):
    if state in DECIDED_STATES:
        return Conflict("already_decided", _("This complaint has already been decided."))
    if state == State.WITHDRAWN:
        return Conflict("already_withdrawn", _("This complaint has already been withdrawn."))
    if state == State.AWAITING_ANSWER:
        return Conflict("answer_pending", _("The seller may still answer; decide after the answer or its deadline."))
    if state == State.WITHDRAWAL_REVIEW:
        return Conflict("withdrawal_under_review", _("A withdrawal is under review; review it first."))
    return Conflict("wrong_state", _("This action is not possible in the complaint's current state."))


def _move(complaint, allowed, to_state, **fields):
    """Compare-and-set: move from one of `allowed` to `to_state`, or raise a Conflict."""
    now = fields.setdefault("updated_at", timezone.now())
    changed = Complaint.objects.filter(pk=complaint.pk, state__in=allowed).update(state=to_state, **fields)
    if not changed:
        current = Complaint.objects.filter(pk=complaint.pk).values_list("state", flat=True).first()
        raise _conflict_for(current)
    before = complaint.state
    for key, value in fields.items():
        setattr(complaint, key, value)
    complaint.state, complaint.updated_at = to_state, now
    return before


def check_eligibility(actor, trade, rulebook, now, relation=Relation.SELF, check_duplicate=True):
    """Why `actor` may not file about `trade` now, as a stable code; None when it may (RULES 3.1).

    `check_duplicate=False` leaves the one-open-complaint rule to the partial unique index,
    for callers that insert next and turn its IntegrityError into "duplicate_complaint".
    """
    if actor.pk == trade.seller_id or (relation == Relation.SELF and actor.pk != trade.buyer_id):
        return "not_a_party"
    filing = rulebook.filing
    if trade.channel in filing.excluded_channels:
        return "channel_excluded"
    if trade.status != filing.required_trade_status or trade.succeeded_at is None:
        return "trade_not_successful"
    if now > deadline_after(trade.succeeded_at, filing.window, rulebook.timezone):
        return "window_closed"
    if filing.review_required and trade.buyer_review not in filing.review_values:
        return "review_required"
    if filing.mutual_review_required and not (trade.buyer_review and trade.seller_review):
        return "review_required"
    if check_duplicate and Complaint.objects.filter(
        trade=trade, complainant=actor, state__in=OPEN_STATES
    ).exists():
        return "duplicate_complaint"
    return None


def _not_eligible(code):
    return NotEligible(code, ELIGIBILITY_MESSAGES[code])


def _clean_behaviours(codes):
    codes = list(dict.fromkeys(codes or []))
    unknown = [c for c in codes if c not in Behaviour.values]
    if unknown:
        raise DomainError("invalid_input", _("Unknown behaviour: %(codes)s") % {"codes": ", ".join(unknown)})
    return codes


@transaction.atomic
def file_complaint(actor, trade_id, *, entry, reason, behaviours, relation=Relation.SELF,
                   harassed_person="", message_ids=()):
    """A buyer (or someone for a person it harassed, RULES 1.2) files a complaint (RULES 3).

    `message_ids`: stored messages to attach at once as an IM evidence number (RULES 3.3),
    e.g. the threatening message the buyer was told about (issue 6 §3)."""
    now = timezone.now()
    # The seller comes with the trade: it is the respondent, and notified below.
    trade = Trade.objects.select_related("seller").filter(external_id=trade_id).first()
    if trade is None:
        raise NotFound(message=_("There is no such trade."))
    if entry not in BUYER_ENTRIES:
        raise DomainError("invalid_input", _("Unknown entry path."))
    if relation not in Relation.values:
        raise DomainError("invalid_input", _("Unknown relation to the person harassed."))
    if relation != Relation.SELF and not harassed_person.strip():
        raise DomainError("invalid_input", _("Say who was harassed."))
    behaviours = _clean_behaviours(behaviours)
    if not behaviours:
        raise DomainError("invalid_input", _("Choose at least one behaviour."))
    if not (reason or "").strip():
        raise DomainError("invalid_input", _("Describe what happened."))

    rulebook = rulebook_in_force(now)  # the case is judged under this version (RULES 7.2)
    # The duplicate check is the partial unique index itself, at the INSERT below: one
    # statement fewer per filing than asking first, and right under concurrency as well.
    problem = check_eligibility(actor, trade, rulebook, now, relation, check_duplicate=False)
    if problem:
        raise _not_eligible(problem)
    answer_due = deadline_after(now, rulebook.deadline("answer"), rulebook.timezone)
    decision_due = deadline_after(now, rulebook.deadline("decision"), rulebook.timezone)
    try:
        # No savepoint: on a duplicate nothing more runs in this transaction, the error
        # leaves this function's atomic block, and the whole filing rolls back.
        complaint = Complaint.objects.create(
            trade=trade, complainant=actor, respondent=trade.seller, store_id=trade.store_id,
            relation=relation, harassed_person=harassed_person.strip(), entry=entry,
            reason=reason.strip(), state=State.AWAITING_ANSWER, rulebook=rulebook.id,
            filed_at=now, answer_due=answer_due, decision_due=decision_due,
        )
    except IntegrityError:  # the partial unique index: an open complaint exists already
        raise _not_eligible("duplicate_complaint") from None
    ComplaintBehaviour.objects.bulk_create(
        ComplaintBehaviour(complaint=complaint, code=code, source=ComplaintBehaviour.Source.CLAIMED)
        for code in behaviours
    )
    record(actor, "complaint.filed", complaint, to_state=complaint.state, rulebook=rulebook.id,
           data={"trade": trade.external_id, "entry": entry, "relation": relation,
                 "behaviours": behaviours})
    if message_ids:
        _attach_messages(actor, complaint, message_ids)
    notify(complaint.respondent, "complaint_filed_respondent", complaint=complaint)
    notify_agencies(complaint.store_id, AgencyRight.ANSWER_COMPLAINTS, "complaint_filed_respondent",
                    complaint=complaint)
    notify(actor, "complaint_filed_complainant", complaint=complaint)
    return complaint


def _attach_messages(actor, complaint, message_ids):
    from weiquan.trades.services import issue_evidence_number

    number = issue_evidence_number(actor, list(message_ids)).number
    resolve_evidence_number(number, between=(complaint.complainant, complaint.respondent))
    evidence = Evidence.objects.create(complaint=complaint, kind=EvidenceKind.IM_EVIDENCE_NUMBER,
                                       reference=number, submitted_by=actor)
    record(actor, "complaint.evidence_added", complaint, from_state=complaint.state,
           to_state=complaint.state, rulebook=complaint.rulebook,
           data={"evidence": evidence.pk, "kind": evidence.kind, "reference": number})


def open_case_for_buyer(staff, *, seller, buyer, reason, behaviours, signals=(), message_ids=()):
    """The platform opens a case on its own motion for a harassed buyer who did not complain
    (issue 6 §3). The buyer is the complainant, so it sees and follows the case; filing
    windows do not bind the platform, but one open case per trade and buyer still holds."""
    _require_staff(staff)
    now = timezone.now()
    trade = Trade.objects.filter(buyer=buyer, seller=seller).order_by("-succeeded_at", "-id").first()
    if trade is None:
        raise DomainError("no_trade_between", _("These two members have no trade in common."))
    if Complaint.objects.filter(trade=trade, complainant=buyer, state__in=OPEN_STATES).exists():
        raise _not_eligible("duplicate_complaint")
    if not (reason or "").strip():
        raise DomainError("invalid_input", _("Describe what happened."))
    rulebook = rulebook_in_force(now)
    complaint = Complaint.objects.create(
        trade=trade, complainant=buyer, respondent=seller, store_id=trade.store_id, entry=Entry.PLATFORM,
        opened_by=staff, reason=reason.strip(), state=State.AWAITING_ANSWER, rulebook=rulebook.id,
        filed_at=now, answer_due=deadline_after(now, rulebook.deadline("answer"), rulebook.timezone),
        decision_due=deadline_after(now, rulebook.deadline("decision"), rulebook.timezone),
    )
    ComplaintBehaviour.objects.bulk_create(
        ComplaintBehaviour(complaint=complaint, code=code, source=ComplaintBehaviour.Source.CLAIMED)
        for code in _clean_behaviours(behaviours)
    )
    record(staff, "complaint.opened_by_platform", complaint, to_state=complaint.state, rulebook=rulebook.id,
           data={"trade": trade.external_id, "behaviours": list(behaviours), "signals": list(signals)})
    if message_ids:
        # What the platform saw is the case's first evidence, shown to both parties as the
        # platform's, so the seller answers what the case rests on (RULES 3.3, 4.2).
        _attach_messages(staff, complaint, message_ids)
    notify(seller, "complaint_filed_respondent", complaint=complaint)
    notify_agencies(complaint.store_id, AgencyRight.ANSWER_COMPLAINTS, "complaint_filed_respondent",
                    complaint=complaint)
    notify(buyer, "complaint_opened_for_you", complaint=complaint)
    return complaint


@transaction.atomic
def add_evidence(actor, complaint_id, *, kind, upload=None, reference="", note=""):
    """Either party adds evidence while the case is open (RULES 3.3, 4.1)."""
    complaint = get_complaint(actor, complaint_id)
    label = actor.username if actor.pk == complaint.complainant_id else respondent_label(actor, complaint)
    if label is None:
        raise Forbidden(message=_("Only the two parties add evidence."))
    if not complaint.is_open:
        raise _conflict_for(complaint.state)
    fields = evidence_fields(kind=kind, upload=upload, reference=reference, note=note,
                             between=(complaint.complainant, complaint.respondent))
    evidence = Evidence.objects.create(complaint=complaint, submitted_by=actor, **fields)
    blob = fields["blob"]
    record(actor, "complaint.evidence_added", complaint, from_state=complaint.state,
           to_state=complaint.state, rulebook=complaint.rulebook,
           data={"evidence": evidence.pk, "kind": kind, "sha256": blob.sha256 if blob else "",
                 "reference": evidence.reference}, actor_label=label)
    return evidence


@transaction.atomic
def answer_complaint(actor, complaint_id, *, choice, explanation):
    """The respondent, or its agency (RULES 1.3), answers A or B by the deadline (RULES 4.1, 4.2)."""
    complaint = get_complaint(actor, complaint_id)
    label = respondent_label(actor, complaint)
    if label is None:
        raise Forbidden(message=_("Only the seller complained about answers."))
    if choice not in AnswerChoice.values:
        raise DomainError("invalid_input", _("Choose answer A or B."))
    if not (explanation or "").strip():
        raise DomainError("invalid_input", _("Give an explanation."))
    now = timezone.now()
    if complaint.state == State.AWAITING_ANSWER and now > complaint.answer_due:
        raise Conflict("answer_window_closed", _("The time to answer has passed."))
    before = _move(complaint, [State.AWAITING_ANSWER], State.AWAITING_DECISION,
                   answer_choice=choice, answer_explanation=explanation.strip(), answered_at=now)
    record(actor, "complaint.answered", complaint, from_state=before, to_state=complaint.state,
           rulebook=complaint.rulebook, data={"choice": choice}, actor_label=label)
    notify(complaint.complainant, "complaint_answered", complaint=complaint)
    return complaint


@transaction.atomic
def withdraw_complaint(actor, complaint_id):
    """The complainant withdraws before a decision (RULES 4.3)."""
    complaint = get_complaint(actor, complaint_id)
    if actor.pk != complaint.complainant_id:
        raise Forbidden(message=_("Only the complainant withdraws a complaint."))
    before = _move(complaint, OPEN_STATES, State.WITHDRAWN, withdrawn_at=timezone.now(),
                   withdrawn_by=actor)
    record(actor, "complaint.withdrawn", complaint, from_state=before, to_state=complaint.state,
           rulebook=complaint.rulebook)
    notify(complaint.respondent, "complaint_withdrawn", complaint=complaint)
    return complaint


@transaction.atomic
def request_withdrawal(actor, complaint_id, *, reference):
    """The respondent shows the IM evidence number of the complainant's agreement to
    withdraw; staff review it (RULES 4.3)."""
    complaint = get_complaint(actor, complaint_id)
    label = respondent_label(actor, complaint)
    if label is None:
        raise Forbidden(message=_("Only the seller complained about may show an agreement."))
    resolve_evidence_number(reference, between=(complaint.complainant, complaint.respondent))
    state_before = complaint.state
    before = _move(complaint, [State.AWAITING_ANSWER, State.AWAITING_DECISION],
                   State.WITHDRAWAL_REVIEW, withdrawal_reference=reference.strip(),
                   withdrawal_requested_at=timezone.now(), state_before_withdrawal_review=state_before)
    record(actor, "complaint.withdrawal_requested", complaint, from_state=before,
           to_state=complaint.state, rulebook=complaint.rulebook, data={"reference": reference},
           actor_label=label)
    notify(complaint.complainant, "withdrawal_requested", complaint=complaint)
    notify_staff("withdrawal_requested", complaint=complaint)
    return complaint


def _require_staff(actor):
    if not actor.is_handler:
        raise Forbidden(message=_("Only platform staff may do this."))


@transaction.atomic
def review_withdrawal(actor, complaint_id, *, accepted, reason=""):
    """Staff accept the agreement (the case is withdrawn) or reject it (the case goes on)."""
    _require_staff(actor)
    complaint = get_complaint(actor, complaint_id)
    now = timezone.now()
    if accepted:
        to_state, fields = State.WITHDRAWN, {"withdrawn_at": now, "withdrawn_by": actor}
    else:
        # An answer-deadline that passed during the review sends the case on to a decision.
        previous = complaint.state_before_withdrawal_review or State.AWAITING_DECISION
        if previous == State.AWAITING_ANSWER and now > complaint.answer_due:
            previous = State.AWAITING_DECISION
        to_state, fields = previous, {}
    before = _move(complaint, [State.WITHDRAWAL_REVIEW], to_state, **fields)
    record(actor, "complaint.withdrawal_reviewed", complaint, from_state=before,
           to_state=complaint.state, rulebook=complaint.rulebook,
           data={"accepted": accepted, "reason": reason})
    for party in (complaint.complainant, complaint.respondent):
        notify(party, "complaint_withdrawn" if accepted else "withdrawal_rejected", complaint=complaint)
    return complaint


@transaction.atomic
def decide_complaint(actor, complaint_id, *, established, tier="", reason, behaviours_found=(),
                     permanent_freeze=False):
    """Staff decide (RULES 5): established with a tier, or not. An established complaint
    is penalised once (RULES 5.3) under the rulebook it was filed under (RULES 7.2)."""
    from weiquan.penalties.services import impose_penalty  # penalties build on complaints

    complaint = get_complaint(actor, complaint_id)
    _require_staff(actor)
    if not (reason or "").strip():
        raise DomainError("invalid_input", _("Give the reason for the decision."))
    rulebook = get_rulebook(complaint.rulebook)
    tier_penalty = None
    if established:
        tier_penalty = rulebook.tier(tier)
        if tier_penalty is None:
            raise DomainError("unknown_tier", _("The complaint's rulebook has no such severity tier."))
        if permanent_freeze and not tier_penalty.permanent_freeze_allowed:
            raise DomainError("invalid_input", _("This tier does not allow a permanent freeze."))
    found = _clean_behaviours(behaviours_found)
    before = _move(
        complaint, [State.AWAITING_DECISION],
        State.ESTABLISHED if established else State.NOT_ESTABLISHED,
        decided_at=timezone.now(), decided_by=actor, tier=tier if established else "",
        decision_reason=reason.strip(),
    )
    ComplaintBehaviour.objects.bulk_create(
        ComplaintBehaviour(complaint=complaint, code=code, source=ComplaintBehaviour.Source.FOUND)
        for code in found
    )
    record(actor, "complaint.decided", complaint, from_state=before, to_state=complaint.state,
           rulebook=rulebook.id, data={"tier": complaint.tier, "behaviours_found": found,
                                       "reason": complaint.decision_reason})
    if established:
        impose_penalty(actor, complaint, rulebook, tier_penalty, permanent_freeze=permanent_freeze)
    kind = "complaint_established" if established else "complaint_not_established"
    for party in (complaint.complainant, complaint.respondent):
        notify(party, kind, complaint=complaint)
    return complaint


@transaction.atomic
def assign_complaint(actor, complaint_id, handler):
    _require_staff(actor)
    if not handler.is_handler:
        raise DomainError("invalid_input", _("Cases are assigned to staff handlers only."))
    complaint = get_complaint(actor, complaint_id)
    Complaint.objects.filter(pk=complaint.pk).update(assigned_to=handler, updated_at=timezone.now())
    complaint.assigned_to = handler
    record(actor, "complaint.assigned", complaint, from_state=complaint.state,
           to_state=complaint.state, rulebook=complaint.rulebook, data={"handler": handler.username})
    return complaint
