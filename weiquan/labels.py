"""Human, translated names for what the audit trail stores as codes: the action, the
states before and after, and the keys and values of `data`. One mapping for every page
that shows the trail (the staff audit trail, the buyer's and seller's timeline); a code
with no label here falls back to the code itself. `weiquan/audit/tests/test_labels.py`
fails when an action recorded anywhere in the code base has no label."""

import json

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from weiquan.complaints.models import AnswerChoice, Behaviour, Entry, Relation, State, Tier
from weiquan.evidence.models import EvidenceKind
from weiquan.members.models import AgencyRight
from weiquan.notifications.messages import LABEL_NAMES
from weiquan.penalties.models import Appeal, Penalty
from weiquan.relay.models import Channel
from weiquan.warnings.models import (
    TYPE_LABELS,
    CaseState,
    OrderClosure,
    PlatformAction,
    WarningState,
)

ACTIONS = {
    "complaint.filed": _("Complaint filed"),
    "complaint.opened_by_platform": _("The platform opened the case for the buyer"),
    "complaint.evidence_added": _("Evidence added"),
    "complaint.answered": _("The seller answered"),
    "complaint.answer_missed": _("No answer by the deadline; the case went on to a decision"),
    "complaint.withdrawn": _("Complaint withdrawn"),
    "complaint.withdrawal_requested": _("The seller showed an agreement to withdraw"),
    "complaint.withdrawal_reviewed": _("Staff reviewed the agreement to withdraw"),
    "complaint.assigned": _("Assigned to a handler"),
    "complaint.decided": _("Decision made"),
    "complaint.decision_overdue": _("The decision deadline passed"),
    "risk.case_opened": _("Opened on the platform's motion from its own signals"),
    "penalty.imposed": _("Penalty imposed"),
    "penalty.reversed": _("Penalty reversed"),
    "penalty.compensation_paid": _("Compensation paid to the buyer"),
    "appeal.filed": _("The seller appealed"),
    "appeal.evidence_added": _("Appeal evidence added"),
    "appeal.decided": _("Appeal decided"),
    "appeal.review_overdue": _("The appeal review deadline passed"),
    "relay.contact_evidence_issued": _("Contact-log evidence number issued"),
    "relay.preferences_set": _("Contact preferences changed"),
    "relay.contact_details_pushed": _("Contact details sent to the marketplace"),
    "trade.created": _("Order recorded"),
    "trade.updated": _("Order updated"),
    "trade.closed": _("Order closed with the buyer's agreement"),
    "order_closure.requested": _("The seller asked to close the order"),
    "order_closure.answered": _("The buyer answered the request to close the order"),
    "protection.enabled": _("Order-risk protection switched on"),
    "protection.disabled": _("Order-risk protection switched off"),
    "warning.raised": _("Malicious-order warning raised"),
    "warning.confirmed": _("The seller confirmed the risk"),
    "warning.marked_normal": _("The seller verified the order as normal"),
    "warning.ignored": _("The seller ignored the warning"),
    "warning.platform_verdict": _("The platform's finding on the complaint recorded on the warning"),
    "malicious_complaint.filed": _("Malicious-behaviour complaint filed"),
    "malicious_complaint.decided": _("Malicious-behaviour complaint decided"),
    "malicious_complaint.decision_overdue": _("The malicious-behaviour complaint's decision deadline passed"),
    "agency.rights_changed": _("An agency's rights changed"),
    "rulebook.activated": _("Rulebook version scheduled"),
}

# States per object type: the same code can mean different things ("pending" appeal,
# "pending" warning).
STATES = {
    "complaint": dict(State.choices),
    "penalty": dict(Penalty.State.choices),
    "appeal": dict(Appeal.State.choices),
    "orderwarning": dict(WarningState.choices),
    "maliciouscomplaint": dict(CaseState.choices),
    "orderclosure": dict(OrderClosure.State.choices),
}
ANY_STATE = {code: label for labels in reversed(list(STATES.values())) for code, label in labels.items()}

KEYS = {
    "trade": _("order"),
    "entry": _("way in"),
    "relation": _("who was harassed"),
    "behaviours": _("behaviours"),
    "behaviours_found": _("behaviours found"),
    "tier": _("tier"),
    "reason": pgettext_lazy("the reason given for a step in the audit trail", "reason"),
    "choice": _("answer"),
    "reference": _("evidence number"),
    "points": _("points"),
    "point_class": _("point class"),
    "compensation": _("compensation"),
    "hide_store_days": _("days the store is hidden"),
    "freeze": _("account freeze"),
    "evidence": _("evidence"),
    "kind": _("kind"),
    "sha256": _("SHA-256"),
    "handler": _("handler"),
    "accepted": _("accepted"),
    "penalty": _("penalty"),
    "complaint": _("complaint"),
    "amount": _("amount"),
    "currency": _("currency"),
    "signals": _("signals"),
    "type": _("warning type"),
    "actions": _("platform actions"),
    "warning": _("warning"),
    "closure": _("closure request"),
    "agreement": _("agreement"),
    "channels": _("accepted channels"),
    "timezone": _("time zone"),
    "number": _("evidence number"),
    "attempts": _("contact attempts"),
    "messages": _("messages"),
    "addresses": _("addresses"),
    "agency": _("agency"),
    "granted": _("rights granted"),
    "revoked": _("rights revoked"),
    "rights": _("rights"),
    "changed": _("fields changed"),
    "at": _("in force from"),
    "note": _("note"),
    "batch": _("in a batch"),
}

POINT_CLASSES = {
    "general": _("general violation points"),
    "serious": _("serious violation points"),
    "A": _("class A points"),
    "B": _("class B points"),
}
FREEZES = {"permanent": _("permanent"), "": _("none")}


# The contact patterns of the scanner (issue 6 §2); the screener's labels are named with
# the notifications that mention them (notifications.messages.LABEL_NAMES).
PATTERN_NAMES = {
    "burst": _("many contacts in a short time"),
    "night": _("contacts at night"),
    "unanswered_redial": _("redialling after unanswered calls"),
    "bombing": _("call bombing from many numbers"),
}


def signal_name(code):
    return LABEL_NAMES.get(code) or PATTERN_NAMES.get(code) or code



VALUES = {
    "entry": dict(Entry.choices),
    "relation": dict(Relation.choices),
    "behaviours": dict(Behaviour.choices),
    "behaviours_found": dict(Behaviour.choices),
    "tier": dict(Tier.choices),
    "choice": dict(AnswerChoice.choices),
    "point_class": POINT_CLASSES,
    "freeze": FREEZES,
    "kind": dict(EvidenceKind.choices),
    "evidence": dict(EvidenceKind.choices),  # a warning's evidence is a list of kinds
    "type": TYPE_LABELS,
    "actions": dict(PlatformAction.choices),
    "agreement": dict(OrderClosure.Agreement.choices),
    "channels": dict(Channel.choices),
    "rights": dict(AgencyRight.choices),
    "granted": dict(AgencyRight.choices),
    "revoked": dict(AgencyRight.choices),
}


def action_label(code):
    return ACTIONS.get(code, code)


def state_label(code, object_type=""):
    return STATES.get(object_type, {}).get(code) or ANY_STATE.get(code, code)


def key_label(key):
    return KEYS.get(key, key)


def value_text(key, value):
    """One value of `data` as text: codes by their labels, lists joined, yes/no for flags."""
    # Labels may hold commas of their own (辱骂、侮辱), so items are kept apart more firmly.
    LIST_SEP = pgettext("separator between labels in the audit trail", "; ")
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if value is None or value == "" or value == []:
        return "—"
    if key == "signals" and isinstance(value, list):
        return LIST_SEP.join(str(signal_name(v)) for v in value)
    labels = VALUES.get(key, {})
    if isinstance(value, list):
        return LIST_SEP.join(str(labels.get(v, v)) if isinstance(v, str) else str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, str):
        return str(labels.get(value, value))
    return str(value)


def parse_data(text):
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {"": text}
    return data if isinstance(data, dict) else {"": text}


def data_rows(text):
    """`data` as [(key label, value text)], in the stored (sorted) key order; keys with
    nothing in them (an empty reference, no file) are left out."""
    return [(str(key_label(k)) if k else "", value_text(k, v)) for k, v in parse_data(text).items()
            if v not in (None, "", [], {})]


def describe(entry):
    """What a page needs to show one audit entry in words."""
    return {
        "entry": entry,
        "label": action_label(entry.action),
        "from_state": state_label(entry.from_state, entry.object_type) if entry.from_state else "",
        "to_state": state_label(entry.to_state, entry.object_type) if entry.to_state else "",
        "data": parse_data(entry.data),
        "rows": data_rows(entry.data),
    }
