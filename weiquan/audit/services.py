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


HASHED_FIELDS = ("id", "at", "actor_id", "actor_label", "action", "object_type", "object_id",
                 "from_state", "to_state", "rulebook", "data")


def entry_digest(prev_hash, seq, values):
    """The hash of one entry: the previous hash, its place in the chain and every field."""
    fields = [prev_hash, str(seq)]
    for name, value in zip(HASHED_FIELDS, values, strict=True):
        fields.append(value.isoformat() if name == "at" else str(value if value is not None else ""))
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


def seal_pending(batch=SEAL_BATCH):
    """Chain every unsealed entry onto the trail. Safe to run from several workers."""
    table = AuditEntry._meta.db_table
    sealed = 0
    while True:
        with transaction.atomic():
            exclusive_section("audit-seal")
            last = AuditEntry.objects.filter(seq__isnull=False).order_by("-seq").values_list("seq", "hash").first()
            entries = list(AuditEntry.objects.filter(seq__isnull=True).order_by("id")
                           .values_list(*HASHED_FIELDS)[:batch])
            if not entries:
                return sealed
            seq, prev_hash = last if last else (0, GENESIS)
            rows = []
            for values in entries:
                seq += 1
                digest = entry_digest(prev_hash, seq, values)
                rows.append((seq, prev_hash, digest, values[0]))
                prev_hash = digest
            # A plain executemany: Django's bulk_update builds one CASE per column and
            # was 95% of the time when sealing a million entries.
            with connection.cursor() as cursor:
                cursor.executemany(f"UPDATE {table} SET seq = %s, prev_hash = %s, hash = %s WHERE id = %s", rows)
            sealed += len(entries)


def verify_chain():
    """Walk the sealed chain. Returns (checked, first_broken_entry_or_None, unsealed_count)."""
    prev_hash, checked = GENESIS, 0
    rows = (AuditEntry.objects.filter(seq__isnull=False).order_by("seq")
            .values_list("seq", "prev_hash", "hash", *HASHED_FIELDS).iterator(5000))
    for seq, stored_prev, stored_hash, *values in rows:
        checked += 1
        if seq != checked or stored_prev != prev_hash or stored_hash != entry_digest(prev_hash, seq, values):
            broken = AuditEntry.objects.get(seq=seq)
            return checked, broken, AuditEntry.objects.filter(seq__isnull=True).count()
        prev_hash = stored_hash
    return checked, None, AuditEntry.objects.filter(seq__isnull=True).count()


def trail_for(obj):
    return AuditEntry.objects.filter(
        object_type=obj._meta.model_name, object_id=obj.pk
    ).select_related("actor")
