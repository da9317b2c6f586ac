"""Appeal review deadlines (RULES 8.2), swept set-based like the complaint deadlines."""

import uuid

from django.db import transaction
from django.db.models import Subquery

from weiquan.audit.services import record_for_rows
from weiquan.complaints.deadlines import BATCH, WORKER_LABEL
from weiquan.members.models import Member
from weiquan.notifications.services import notify_rows

from .models import Appeal, Penalty


def sweep_overdue_appeals(now):
    table, member, penalty = Appeal._meta.db_table, Member._meta.db_table, Penalty._meta.db_table
    total = 0
    while True:
        with transaction.atomic():
            due = Appeal.objects.filter(state=Appeal.State.PENDING, review_due__lt=now, review_overdue=False)
            token = uuid.uuid4().hex
            ids = Subquery(due.order_by("id").values("id")[:BATCH])
            count = due.filter(id__in=ids).update(review_overdue=True, sweep_token=token)
            if not count:
                return total
            record_for_rows(
                action="appeal.review_overdue", table=table, where_sql="sweep_token = %s",
                params=[token], actor_label=WORKER_LABEL, from_state_sql="state",
                to_state_sql="state", rulebook_sql=f"(SELECT rulebook FROM {penalty} p WHERE p.id = penalty_id)",
                object_type="appeal", at=now,
            )
            notify_rows(
                kind="appeal_overdue", at=now, params=[token],
                select_sql=f"SELECT m.id AS recipient_id, p.complaint_id AS complaint_id, a.id AS appeal_id"
                f" FROM {table} a JOIN {penalty} p ON p.id = a.penalty_id"
                f" JOIN {member} m ON m.role = 'staff' AND m.is_active WHERE a.sweep_token = %s",
            )
            total += count
