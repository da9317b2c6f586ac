"""The database itself refuses to change or delete audit entries and ledger entries.

The model refuses too, but a trigger also stops raw SQL and bulk updates. The only update
allowed is the sealer's: filling seq/prev_hash/hash of an entry not yet sealed. SQLite has
no TRUNCATE, and Django's test flush deletes rows there, so on SQLite only updates are
refused; PostgreSQL refuses deletes as well (its flush uses TRUNCATE).
"""

from django.db import migrations

AUDIT_COLUMNS = ["at", "actor_id", "actor_label", "action", "object_type", "object_id", "from_state",
                 "to_state", "rulebook", "data"]
LEDGER = "penalties_ledgerentry"
AUDIT = "audit_auditentry"


def sqlite_sql():
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in AUDIT_COLUMNS)
    return [
        f"CREATE TRIGGER audit_append_only BEFORE UPDATE ON {AUDIT} WHEN OLD.hash <> '' OR {changed} "
        f"BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END",
        f"CREATE TRIGGER ledger_append_only BEFORE UPDATE ON {LEDGER} "
        f"BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END",
    ], ["DROP TRIGGER IF EXISTS audit_append_only", "DROP TRIGGER IF EXISTS ledger_append_only"]


def postgres_sql():
    changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in AUDIT_COLUMNS)
    return [
        f"""CREATE FUNCTION weiquan_audit_append_only() RETURNS trigger AS $$
        BEGIN
          IF TG_OP = 'DELETE' OR OLD.hash <> '' OR {changed} THEN
            RAISE EXCEPTION 'audit entries are append-only';
          END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql""",
        f"CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON {AUDIT} "
        f"FOR EACH ROW EXECUTE FUNCTION weiquan_audit_append_only()",
        """CREATE FUNCTION weiquan_ledger_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'ledger entries are append-only'; END $$ LANGUAGE plpgsql""",
        f"CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON {LEDGER} "
        f"FOR EACH ROW EXECUTE FUNCTION weiquan_ledger_append_only()",
    ], [
        f"DROP TRIGGER IF EXISTS audit_append_only ON {AUDIT}",
        "DROP FUNCTION IF EXISTS weiquan_audit_append_only()",
        f"DROP TRIGGER IF EXISTS ledger_append_only ON {LEDGER}",
        "DROP FUNCTION IF EXISTS weiquan_ledger_append_only()",
    ]


def statements(schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        return sqlite_sql()
    if vendor == "postgresql":
        return postgres_sql()
    return [], []


def forwards(apps, schema_editor):
    for sql in statements(schema_editor)[0]:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    for sql in statements(schema_editor)[1]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial"), ("penalties", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
