"""Deadlines that move complaints along by themselves (RULES 4.1, 5.1).

Set-based: each sweep is a few statements however many cases are due, never a Python
loop over cases. Safe with several workers: a row is claimed by the UPDATE that moves
it (the state condition is re-checked under the row lock), and the audit entries and
notifications are written only for the rows this sweep's token claimed.
"""

import uuid

from django.db import transaction
from django.db.models import Subquery

from weiquan.audit.services import record_for_rows
from weiquan.members.models import Member
from weiquan.notifications.services import notify_rows

from .models import OPEN_STATES, Complaint, State

BATCH = 50_000
WORKER_LABEL = "deadline worker"


def _claim(queryset, **changes):
    """Move up to BATCH rows of `queryset`, tagging them; returns (token, count)."""
    token = uuid.uuid4().hex
    ids = Subquery(queryset.order_by("id").values("id")[:BATCH])
    count = queryset.filter(id__in=ids).update(sweep_token=token, **changes)
    return token, count


def sweep_missed_answers(now):
    """No answer by the deadline: the case goes to a decision, recorded as unanswered (RULES 4.1)."""
    table = Complaint._meta.db_table
    total = 0
    while True:
        with transaction.atomic():
            due = Complaint.objects.filter(state=State.AWAITING_ANSWER, answer_due__lt=now)
            token, count = _claim(due, state=State.AWAITING_DECISION, answer_missed=True, updated_at=now)
            if not count:
                return total
            record_for_rows(
                action="complaint.answer_missed", table=table, where_sql="sweep_token = %s",
                params=[token], actor_label=WORKER_LABEL, from_state_sql="'awaiting_answer'",
                to_state_sql="state", rulebook_sql="rulebook", object_type="complaint", at=now,
            )
            for party in ("complainant_id", "respondent_id"):
                notify_rows(
                    kind="answer_missed", at=now, params=[token],
                    select_sql=f"SELECT {party} AS recipient_id, id AS complaint_id,"
                    f" CAST(NULL AS BIGINT) AS appeal_id FROM {table} WHERE sweep_token = %s",
                )
            total += count


def _staff_for(table, token):
    """(recipient, complaint) rows: the assigned handler, or every active handler if none."""
    member = Member._meta.db_table
    return (
        f"SELECT m.id AS recipient_id, c.id AS complaint_id, CAST(NULL AS BIGINT) AS appeal_id"
        f" FROM {table} c JOIN {member} m ON (m.id = c.assigned_to_id OR"
        f" (c.assigned_to_id IS NULL AND m.role = 'staff' AND m.is_active))"
        f" WHERE c.sweep_token = %s", [token]
    )


def sweep_missed_decisions(now):
    """Staff missed the decision deadline (RULES 5.1): flag the case, tell the handlers."""
    table = Complaint._meta.db_table
    total = 0
    while True:
        with transaction.atomic():
            due = Complaint.objects.filter(state__in=OPEN_STATES, decision_due__lt=now, decision_overdue=False)
            token, count = _claim(due, decision_overdue=True, updated_at=now)
            if not count:
                return total
            record_for_rows(
                action="complaint.decision_overdue", table=table, where_sql="sweep_token = %s",
                params=[token], actor_label=WORKER_LABEL, from_state_sql="state",
                to_state_sql="state", rulebook_sql="rulebook", object_type="complaint", at=now,
            )
            select_sql, params = _staff_for(table, token)
            notify_rows(kind="decision_overdue", select_sql=select_sql, params=params, at=now)
            total += count
