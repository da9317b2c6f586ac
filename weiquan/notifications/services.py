"""Writing notifications inside a change's transaction, and delivering them after."""

import json
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.utils import timezone, translation

from weiquan.db import lock_for_update

from .messages import BODIES, SUBJECTS, context_for
from .models import Notification

log = logging.getLogger(__name__)
MAX_EMAIL_ATTEMPTS = 5


def notify(recipient, kind, *, complaint=None, appeal=None, **params):
    assert kind in SUBJECTS, kind
    return Notification.objects.create(
        recipient=recipient, kind=kind, complaint=complaint, appeal=appeal,
        params=json.dumps(params, default=str), created_at=timezone.now(),
    )


def notify_agencies(store, right, kind, /, *, exclude=(), complaint=None, appeal=None, **params):
    """RULES 1.3: where a store's owner is told, the active agencies holding `right` for
    that store are told too (never the same member twice: `exclude` those already told)."""
    from weiquan.members.models import AgencyGrant, Member

    store_id = getattr(store, "pk", store)
    agencies = Member.objects.filter(
        is_active=True, pk__in=AgencyGrant.objects.filter(
            store_id=store_id, right=right, revoked_at__isnull=True).values("agency_id"),
    ).exclude(pk__in=list(exclude)).order_by("pk")
    return [notify(agency, kind, complaint=complaint, appeal=appeal, **params) for agency in agencies]


def notify_staff(kind, *, complaint=None, appeal=None):
    """The handler a case is assigned to, or every handler while nobody is."""
    from weiquan.members.models import Member

    handler = complaint.assigned_to if complaint is not None else None
    recipients = [handler] if handler else Member.objects.filter(role=Member.Role.STAFF, is_active=True)
    for member in recipients:
        notify(member, kind, complaint=complaint, appeal=appeal)


def notify_rows(*, kind, select_sql, params, at):
    """Notifications from one INSERT ... SELECT (set-based sweeps). `select_sql` yields
    (recipient_id, complaint_id, appeal_id) rows."""
    sql = (
        f"INSERT INTO {Notification._meta.db_table} (recipient_id, kind, complaint_id, appeal_id,"
        f" params, created_at, email_state, email_attempts)"
        f" SELECT r.recipient_id, %s, r.complaint_id, r.appeal_id, '{{}}', %s, 'pending', 0"
        f" FROM ({select_sql}) r WHERE r.recipient_id IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [kind, at, *params])
        return cursor.rowcount


def render(notification):
    """(subject, body) in the active language."""
    ctx = context_for(notification, json.loads(notification.params or "{}"))
    return str(SUBJECTS[notification.kind]) % ctx, str(BODIES[notification.kind]) % ctx


def render_for_recipient(notification):
    with translation.override(notification.recipient.language or settings.LANGUAGE_CODE):
        return render(notification)


def deliver_email_batch(batch=200):
    """Mail pending notifications. Several workers may run: rows are claimed with SKIP LOCKED."""
    sent = 0
    with transaction.atomic():
        claimed = list(lock_for_update(
            Notification.objects.filter(email_state=Notification.Email.PENDING).order_by("id"),
            skip_locked=True,
        ).values_list("id", flat=True)[:batch])
        pending = Notification.objects.filter(pk__in=claimed).select_related(
            "recipient", "complaint__trade", "appeal__penalty__complaint__trade"
        ).order_by("id")
        for notification in pending:
            email = notification.recipient.email
            if not email:
                notification.email_state = Notification.Email.SKIPPED
            else:
                subject, body = render_for_recipient(notification)
                try:
                    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
                except Exception:  # a mail server's failure must not stop the worker
                    log.exception("mailing notification %s failed", notification.pk)
                    notification.email_attempts += 1
                    if notification.email_attempts >= MAX_EMAIL_ATTEMPTS:
                        notification.email_state = Notification.Email.FAILED
                else:
                    notification.email_state = Notification.Email.SENT
                    notification.emailed_at = timezone.now()
                    sent += 1
            notification.save(update_fields=["email_state", "email_attempts", "emailed_at"])
    return sent


def mark_read(member, notification_ids=None):
    qs = Notification.objects.filter(recipient=member, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())
