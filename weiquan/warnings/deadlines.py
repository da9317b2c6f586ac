"""The complaint centre's decision deadline (RULES 9.5), swept set-based on the same
worker as the harassment complaints: one UPDATE claims the overdue cases with a token,
then the audit entries and the staff's notifications are written by INSERT ... SELECT
over exactly the rows that token claimed."""

import uuid

from django.db import connection, transaction
from django.db.models import Subquery

from weiquan.audit.services import record_for_rows
from weiquan.complaints.deadlines import BATCH, WORKER_LABEL
from weiquan.members.models import Member
from weiquan.notifications.models import Notification

from .models import CaseState, MaliciousComplaint


def sweep_overdue_malicious_complaints(now):
    """Staff missed the decision deadline: flag the case, tell every active handler."""
    table, member = MaliciousComplaint._meta.db_table, Member._meta.db_table
    notifications = Notification._meta.db_table
    total = 0
    while True:
        with transaction.atomic():
            due = MaliciousComplaint.objects.filter(
                state=CaseState.AWAITING_VERIFICATION, decision_due__lt=now, decision_overdue=False)
            token = uuid.uuid4().hex
            ids = Subquery(due.order_by("id").values("id")[:BATCH])
            count = due.filter(id__in=ids).update(decision_overdue=True, sweep_token=token)
            if not count:
                return total
            record_for_rows(
                action="malicious_complaint.decision_overdue", table=table,
                where_sql="sweep_token = %s", params=[token], actor_label=WORKER_LABEL,
                from_state_sql="state", to_state_sql="state", rulebook_sql="rulebook",
                object_type="maliciouscomplaint", at=now,
            )
            # The case number goes into the notification's params as JSON, built in SQL.
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {notifications} (recipient_id, kind, complaint_id, appeal_id,"
                    f" params, created_at, email_state, email_attempts)"
                    f" SELECT m.id, 'malicious_complaint_overdue', NULL, NULL,"
                    f" '{{\"case\": ' || CAST(c.id AS VARCHAR(20)) || '}}', %s, 'pending', 0"
                    f" FROM {table} c JOIN {member} m ON m.role = 'staff' AND m.is_active"
                    f" WHERE c.sweep_token = %s",
                    [connection.ops.adapt_datetimefield_value(now), token],
                )
            total += count
