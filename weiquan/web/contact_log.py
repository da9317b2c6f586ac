"""The contact log between the two parties of a case, for the buyer to pick records from,
and the case's contact-log evidence numbers with their records re-checked (RULES 3.3).
Read-only queries; the numbers are issued by `relay.services.issue_contact_evidence`."""

from django.db.models import Q

from weiquan.relay.models import ContactAttempt, ContactEvidence
from weiquan.relay.services import drain_contact_log, resolve_contact_evidence
from weiquan.trades.models import Message

LIMIT = 200


def between(complaint):
    """The latest calls, SMS and IM attempts, and messages, between buyer and seller."""
    drain_contact_log()  # the Redis backend's log reaches the database first
    a, b = complaint.complainant_id, complaint.respondent_id
    attempts = list(ContactAttempt.objects.filter(Q(caller_id=a, callee_id=b) | Q(caller_id=b, callee_id=a))
                    .order_by("-at", "-id")[:LIMIT])
    messages = list(Message.objects.filter(Q(sender_id=a, recipient_id=b) | Q(sender_id=b, recipient_id=a))
                    .order_by("-sent_at", "-id")[:LIMIT])
    return {"attempts": attempts, "messages": messages, "seller_id": b}


def numbers(viewer, complaint):
    """The case's contact-log evidence numbers, each resolved and its SHA-256 checked."""
    rows = []
    for evidence in ContactEvidence.objects.filter(complaint=complaint).order_by("created_at", "id"):
        _evidence, records, now_digest, intact = resolve_contact_evidence(viewer, evidence.number)
        rows.append({"evidence": evidence, "records": records, "intact": intact})
    return rows
