"""The append-only audit trail: record, seal into a hash chain, verify."""

import hashlib
import json

from django.db import connection, transaction
from django.utils import timezone

from weiquan.db import exclusive_section

from .models import AuditEntry

GENESIS = "0" * 64
SEAL_BATCH = 5000


def record(actor, action, obj, *, from_state="", to_state="", rulebook="", data=None,
           actor_label="", at=None):
    """Append one entry. Call it inside the transaction that makes the change."""
    return AuditEntry.objects.create(
        at=at or timezone.now(),
        actor=actor,
        actor_label=actor_label or (actor.username if actor else "system"),
        action=action,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        from_state=from_state or "",
        to_state=to_state or "",
        rulebook=rulebook or "",
        data=json.dumps(data or {}, ensure_ascii=False, sort_keys=True, default=str),
    )


def record_for_rows(*, action, table, where_sql, params, actor_label, from_state_sql,
                    to_state_sql, rulebook_sql, object_type, at):
    """Append one entry per row of `table` matching `where_sql`, in one INSERT ... SELECT.

    For set-based sweeps: no Python loop over the rows.
    """
    audit = AuditEntry._meta.db_table
    sql = (
        f"INSERT INTO {audit} (at, actor_id, actor_label, action, object_type, object_id,"
        f" from_state, to_state, rulebook, data, prev_hash, hash)"
        f" SELECT %s, NULL, %s, %s, %s, id, {from_state_sql}, {to_state_sql}, {rulebook_sql},"
        f" '{{}}', '', '' FROM {table} WHERE {where_sql}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [at, actor_label, action, object_type, *params])
        return cursor.rowcount


def entry_digest(prev_hash, entry):
    fields = [
        prev_hash, str(entry.seq), str(entry.id), entry.at.isoformat(), str(entry.actor_id or ""),
        entry.actor_label, entry.action, entry.object_type, str(entry.object_id),
        entry.from_state, entry.to_state, entry.rulebook, entry.data,
    ]
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


def seal_pending(batch=SEAL_BATCH):
    """Chain every unsealed entry onto the trail. Safe to run from several workers."""
    sealed = 0
    while True:
        with transaction.atomic():
            exclusive_section("audit-seal")
            last = AuditEntry.objects.filter(seq__isnull=False).order_by("-seq").first()
            entries = list(AuditEntry.objects.filter(seq__isnull=True).order_by("id")[:batch])
            if not entries:
                return sealed
            prev_hash, seq = (last.hash, last.seq) if last else (GENESIS, 0)
            for entry in entries:
                seq += 1
                entry.seq, entry.prev_hash = seq, prev_hash
                entry.hash = prev_hash = entry_digest(entry.prev_hash, entry)
            AuditEntry.objects.bulk_update(entries, ["seq", "prev_hash", "hash"], batch_size=500)
            sealed += len(entries)


def verify_chain():
    """Walk the sealed chain. Returns (checked, first_broken_entry_or_None, unsealed_count)."""
    prev_hash, checked = GENESIS, 0
    for entry in AuditEntry.objects.filter(seq__isnull=False).order_by("seq").iterator(2000):
        checked += 1
        if entry.seq != checked or entry.prev_hash != prev_hash or entry.hash != entry_digest(
            prev_hash, entry
        ):
            return checked, entry, AuditEntry.objects.filter(seq__isnull=True).count()
        prev_hash = entry.hash
    return checked, None, AuditEntry.objects.filter(seq__isnull=True).count()


def trail_for(obj):
    return AuditEntry.objects.filter(
        object_type=obj._meta.model_name, object_id=obj.pk
    ).select_related("actor")
