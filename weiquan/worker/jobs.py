"""What the background worker does on each pass. Every job is set-based and idempotent,
so a pass can be repeated, interrupted or run by several workers at once."""

from django.utils import timezone

from weiquan.audit.services import seal_pending
from weiquan.complaints.deadlines import sweep_missed_answers, sweep_missed_decisions
from weiquan.notifications.services import deliver_email_batch
from weiquan.penalties.deadlines import sweep_overdue_appeals
from weiquan.relay.services import drain_contact_log, release_expired_bindings
from weiquan.risk.services import scan_new_contacts, screen_new_messages
from weiquan.warnings.deadlines import sweep_overdue_malicious_complaints
from weiquan.warnings.detectors import run_detectors_if_due


def run_pass(now=None):
    now = now or timezone.now()
    counts = {
        "answers_missed": sweep_missed_answers(now),
        "decisions_overdue": sweep_missed_decisions(now),
        "appeals_overdue": sweep_overdue_appeals(now),
        "malicious_complaints_overdue": sweep_overdue_malicious_complaints(now),  # RULES 9.5
        "warnings_raised": run_detectors_if_due(now),  # RULES 9.1
    }
    counts["contact_log_drained"] = drain_contact_log()
    counts["bindings_released"] = release_expired_bindings(now)
    counts["messages_screened"] = screen_new_messages()
    counts["contacts_scanned"] = scan_new_contacts()
    counts["emails_sent"] = 0
    while sent := deliver_email_batch():
        counts["emails_sent"] += sent
    counts["audit_sealed"] = seal_pending()
    return counts
