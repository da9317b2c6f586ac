"""What a case page shows besides the raw case: the timeline from the audit trail, who
must act next and by when, evidence with IM evidence numbers resolved, and guidance that
follows the case (RULES 10.1, 10.3, 10.4)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weiquan.audit.services import trail_for
from weiquan.complaints.models import Behaviour, State
from weiquan.errors import DomainError
from weiquan.labels import describe
from weiquan.rulebook.calendar import deadline_after
from weiquan.rulebook.registry import get_rulebook
from weiquan.trades.services import resolve_evidence_number

SERIOUS_BEHAVIOURS = {Behaviour.THREAT, Behaviour.HOME_VISIT, Behaviour.HARASSING_ITEMS}


def penalty_of(complaint):
    try:
        return complaint.penalty
    except Exception:  # RelatedObjectDoesNotExist
        return None


def appeal_of(penalty):
    if penalty is None:
        return None
    try:
        return penalty.appeal
    except Exception:
        return None


def timeline(complaint, penalty=None, appeal=None):
    entries = list(trail_for(complaint))
    for obj in (penalty, appeal):
        if obj is not None:
            entries += list(trail_for(obj))
    entries.sort(key=lambda e: (e.at, e.id))
    return [describe(e) for e in entries]


def next_step(complaint, penalty=None, appeal=None):
    """{who, what, due} for the one who must act now, or None when nobody must."""
    state = complaint.state
    if state == State.AWAITING_ANSWER:
        return {"who": "seller", "what": _("The seller answers, with evidence"), "due": complaint.answer_due}
    if state == State.AWAITING_DECISION:
        return {"who": "platform", "what": _("The platform decides on both sides' evidence"),
                "due": complaint.decision_due}
    if state == State.WITHDRAWAL_REVIEW:
        rulebook = get_rulebook(complaint.rulebook)
        due = deadline_after(complaint.withdrawal_requested_at or complaint.updated_at,
                             rulebook.deadline("withdrawal_review"), rulebook.timezone)
        return {"who": "platform", "what": _("The platform reviews the agreement to withdraw"), "due": due}
    if appeal is not None and appeal.state == "pending":
        return {"who": "platform", "what": _("The platform reviews the seller's appeal"), "due": appeal.review_due}
    if (penalty is not None and appeal is None and penalty.state == "active"
            and timezone.now() <= penalty.appeal_due):
        return {"who": "seller", "what": _("The seller may appeal the penalty"), "due": penalty.appeal_due}
    return None


def evidence_items(complaint):
    """Evidence split by side; IM evidence numbers resolved to the messages they stand for."""
    sides = {"complainant": [], "respondent": [], "platform": []}
    between = (complaint.complainant, complaint.respondent)
    for item in complaint.evidence.select_related("blob", "submitted_by"):
        if item.submitted_by_id == complaint.complainant_id:
            side = "complainant"
        elif item.submitted_by.is_handler:  # the platform's own data, e.g. a case it opened
            side = "platform"
        else:
            side = "respondent"
        sides[side].append(resolved(item, between))
    return sides


def resolved(item, between):
    row = {"item": item, "is_image": bool(item.blob_id and item.blob.content_type.startswith("image/")),
           "messages": [], "problem": None}
    if item.reference:
        try:
            _evidence, row["messages"] = resolve_evidence_number(item.reference, between=between)
        except DomainError as exc:
            row["problem"] = exc.message
    return row


def withdrawal_proof(complaint):
    """The messages behind the seller's proof that the buyer agreed to withdraw (RULES 4.3)."""
    if not complaint.withdrawal_reference:
        return None
    row = {"reference": complaint.withdrawal_reference, "messages": [], "problem": None}
    try:
        _evidence, row["messages"] = resolve_evidence_number(
            complaint.withdrawal_reference, between=(complaint.complainant, complaint.respondent))
    except DomainError as exc:
        row["problem"] = exc.message
    return row


KEEP = [
    _("Keep every chat, SMS and call record; do not delete them, even after the case ends."),
    _("Take complete, legible screenshots that show who wrote and when."),
    _("Keep parcels with harassing items and their waybills; photograph them before you throw anything away."),
    _("Ask your phone carrier for a call detail record (通话记录详情单) for the days of the harassment."),
]

NOW = {
    State.AWAITING_ANSWER: _("The seller must answer by the deadline. Add any evidence you still have. Do not reply to provocations; if the seller contacts you again, keep the messages and add them here."),
    State.AWAITING_DECISION: _("The platform is weighing both sides' evidence and decides by the deadline. You can still add evidence."),
    State.WITHDRAWAL_REVIEW: _("The seller says you agreed to withdraw. If you did not agree, say so with evidence now; staff review the agreement."),
    State.ESTABLISHED: _("The complaint is established and the seller has been penalised. If the harassment goes on, complain again or use the routes below."),
    State.NOT_ESTABLISHED: _("The platform could not establish the complaint on this evidence. It cannot help further with this case; the routes below remain open to you."),
    State.WITHDRAWN: _("This complaint was withdrawn. If the harassment starts again, keep the evidence and use the routes below."),
}

LATE = _("The platform has missed its deadline to decide and the handlers have been reminded. If you are threatened or in danger, do not wait: call 110.")

OUTSIDE_HELP = [
    {"name": _("Consumer association and market regulator"), "number": "12315",
     "when": _("When the platform cannot help, or you want the merchant's conduct on record."),
     "bring": _("The order number, the store name, your screenshots and records, and a short, clear account of what happened and what you ask for.")},
    {"name": _("Police"), "number": "110",
     "when": _("At once if you are threatened, someone comes to your home, or you receive funeral goods or dangerous items. Harassment, insults and threats may be crimes."),
     "bring": _("Your ID, the threatening messages and call records, the parcel and its waybill, and this case's number and evidence.")},
    {"name": _("Court, arbitration or mediation"), "number": "",
     "when": _("Harassment, insults and threats are civil wrongs: a court can order the seller to stop and to pay damages."),
     "bring": _("All the evidence above, the order, the platform's decision (print this page), the seller's and store's details, and a list of your losses.")},
]

SELLER_ETIQUETTE = [
    _("Contact the buyer only in the daytime; never at night (22:00 to 08:00)."),
    _("Prefer the marketplace's IM to phone calls, so both sides have a record."),
    _("If the buyer does not answer, do not call again and again; one message is enough."),
    _("Be brief and polite. Do not ask for the review to be changed as a condition of anything."),
]


def buyer_guidance(complaint, penalty=None):
    behaviours = {b.code for b in complaint.behaviours.all()}
    serious = bool(behaviours & SERIOUS_BEHAVIOURS) or complaint.tier in ("serious", "especially_serious")
    closed_without_help = complaint.state in (State.NOT_ESTABLISHED, State.WITHDRAWN)
    return {
        "keep": KEEP,
        "now": LATE if complaint.decision_overdue and complaint.is_open else NOW.get(complaint.state),
        "serious": serious,
        "outside": OUTSIDE_HELP if (serious or closed_without_help or complaint.state == State.ESTABLISHED) else [],
        "police_first": serious,
    }
