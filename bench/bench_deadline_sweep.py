"""The missed-answer deadline sweep over many open cases, on SQLite and on PostgreSQL.

For each database: a fresh one (SQLite: a temporary file; PostgreSQL: `weiquan_bench_sweep`,
dropped and recreated), N open complaints generated with one INSERT ... SELECT, every
answer deadline already past. Then, in the same run:

  1. baseline: one bare `UPDATE complaints_complaint SET answer_missed = TRUE` over the due rows;
  2. `sweep_missed_answers(now)`: moves them in batches of 50,000, writing one audit entry
     and two notifications per case, set-based;
  3. `seal_pending()`: chains the N audit entries the sweep wrote (hashes in Python).

    .venv/bin/python bench/bench_deadline_sweep.py                  # 1,000,000 rows, both databases
    .venv/bin/python bench/bench_deadline_sweep.py --rows 100000 --db sqlite
    .venv/bin/python bench/bench_deadline_sweep.py --no-seal
    .venv/bin/python bench/bench_deadline_sweep.py --seal-limit 1200   # seal all 1M (slow)

Each database runs in a child process of its own (Django is configured once per process).
"""

import argparse
import datetime
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_DB = "weiquan_bench_sweep"
COMPLAINANTS = 1000  # complaints = trades x complainants: the open-case index allows that


def say(*parts):
    print(*parts, flush=True)


# --- child: one database ------------------------------------------------------------------

def generate(rows, now):
    """`rows` open complaints, answer due yesterday, in one INSERT ... SELECT."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection

    from weiquan.complaints.models import Complaint
    from weiquan.members.models import Member, Store
    from weiquan.trades.models import Trade

    password = make_password(None)
    seller = Member.objects.create(username="sweep_seller", password=password)
    store = Store.objects.create(name="sweep store", owner=seller)
    Member.objects.bulk_create(
        Member(username=f"sweep_buyer_{i:04d}", password=password) for i in range(COMPLAINANTS)
    )
    buyers = Member.objects.filter(username__startswith="sweep_buyer_")
    first_buyer = buyers.order_by("id").values_list("id", flat=True).first()
    assert buyers.count() == COMPLAINANTS
    assert buyers.order_by("-id").values_list("id", flat=True).first() == first_buyer + COMPLAINANTS - 1
    trades = -(-rows // COMPLAINANTS)
    succeeded = now - datetime.timedelta(days=5)
    Trade.objects.bulk_create(
        (Trade(external_id=f"S{i:07d}", buyer_id=first_buyer + (i % COMPLAINANTS), seller=seller,
               store=store, channel="taobao", status="success", succeeded_at=succeeded,
               buyer_review="negative", seller_review="positive") for i in range(trades)),
        batch_size=5000,
    )
    first_trade = Trade.objects.order_by("id").values_list("id", flat=True).first()

    ops = connection.ops
    dt = ops.adapt_datetimefield_value
    values = {
        "trade_id": f"{first_trade} + g / {COMPLAINANTS}",
        "complainant_id": f"{first_buyer} + g %% {COMPLAINANTS}",  # %% : the SQL has params
        "respondent_id": str(seller.pk), "store_id": str(store.pk),
        "relation": "'self'", "harassed_person": "''", "entry": "'order_list'",
        "reason": "'卖家因为差评连续打电话骂我'", "state": "'awaiting_answer'",
        "rulebook": "'taobao-003-hiding'",
        "filed_at": "%s", "answer_due": "%s", "decision_due": "%s", "updated_at": "%s",
        "answer_choice": "''", "answer_explanation": "''", "answered_at": "NULL",
        "answer_missed": "%s", "withdrawal_reference": "''", "withdrawal_requested_at": "NULL",
        "state_before_withdrawal_review": "''", "withdrawn_at": "NULL", "withdrawn_by_id": "NULL",
        "assigned_to_id": "NULL", "decided_at": "NULL", "decided_by_id": "NULL", "tier": "''",
        "decision_reason": "''", "decision_overdue": "%s", "sweep_token": "''", "opened_by_id": "NULL",
    }
    columns = [f.column for f in Complaint._meta.concrete_fields if f.column != "id"]
    missing = set(columns) ^ set(values)
    assert not missing, f"the generator does not know these columns: {missing}"
    filed = now - datetime.timedelta(days=4)
    by_name = {"filed_at": dt(filed), "answer_due": dt(now - datetime.timedelta(days=1)),
               "decision_due": dt(now + datetime.timedelta(days=5)), "updated_at": dt(filed),
               "answer_missed": False, "decision_overdue": False}
    params = [by_name[c] for c in columns if values[c] == "%s"]
    select = ", ".join(values[c] for c in columns)
    if connection.vendor == "postgresql":
        source = f"generate_series(0, {rows - 1}) AS s(g)"
        prefix = ""
    else:
        prefix = f"WITH RECURSIVE s(g) AS (SELECT 0 UNION ALL SELECT g + 1 FROM s WHERE g + 1 < {rows}) "
        source = "s"
    sql = (f"{prefix}INSERT INTO {Complaint._meta.db_table} ({', '.join(columns)})"
           f" SELECT {select} FROM {source}")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def maintain():
    """PostgreSQL: VACUUM ANALYZE (hint bits, visibility map, no dead rows left by the
    previous step); SQLite: ANALYZE. Both timed outside the measured statements."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def child(args):
    tmp = tempfile.TemporaryDirectory(prefix="weiquan-sweep-")
    if args.db == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/sweep.sqlite3"
    else:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_DB}")
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{PG_DB}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "weiquan.settings"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    os.environ["DEBUG"] = "0"  # no query log kept in memory
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from weiquan.audit.models import AuditEntry
    from weiquan.audit.services import seal_pending
    from weiquan.complaints.deadlines import sweep_missed_answers
    from weiquan.complaints.models import Complaint
    from weiquan.notifications.models import Notification

    result = {"db": args.db, "rows": args.rows}
    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    result["migrate_s"] = time.perf_counter() - t

    now = timezone.now()
    t = time.perf_counter()
    generate(args.rows, now)
    result["generate_s"] = time.perf_counter() - t
    maintain()
    assert Complaint.objects.filter(state="awaiting_answer", answer_due__lt=now).count() == args.rows

    # 1. The plain baseline: one UPDATE over the same rows, nothing else.
    table = Complaint._meta.db_table
    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET answer_missed = %s WHERE state = 'awaiting_answer'"
                       f" AND answer_due < %s", [True, connection.ops.adapt_datetimefield_value(now)])
        baseline_rows = cursor.rowcount  # autocommit: committed when execute returns
    result["baseline_s"] = time.perf_counter() - t
    assert baseline_rows == args.rows, baseline_rows
    maintain()

    # 2. The sweep, with the time of each kind of statement it runs.
    steps = {}

    def timed(execute, sql, params, many, context):
        head = " ".join(sql.split()[:3]).replace('"', "")
        kind = ("UPDATE complaints" if head.startswith("UPDATE") else
                "INSERT audit" if "audit_auditentry" in head else
                "INSERT notifications" if "notifications_notification" in head else head)
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            steps[kind] = steps.get(kind, 0.0) + time.perf_counter() - started

    t = time.perf_counter()
    with connection.execute_wrapper(timed):
        swept = sweep_missed_answers(now)
    result["sweep_s"] = time.perf_counter() - t
    steps["commits and Python"] = result["sweep_s"] - sum(steps.values())
    result["sweep_steps_s"] = steps
    assert swept == args.rows, swept
    result["audit_entries"] = AuditEntry.objects.filter(action="complaint.answer_missed").count()
    result["notifications"] = Notification.objects.filter(kind="answer_missed").count()
    assert result["audit_entries"] == args.rows and result["notifications"] == 2 * args.rows

    # 3. Sealing the audit entries the sweep wrote.
    if not args.no_seal:
        maintain()
        connection.close()  # the sealing process opens its own
        sealer = multiprocessing.get_context("fork").Process(target=seal_pending)
        t = time.perf_counter()
        sealer.start()
        sealer.join(args.seal_limit)
        if sealer.is_alive():  # over the time limit: stop it; sealed batches stay committed
            sealer.terminate()
            sealer.join()
        result["seal_s"] = time.perf_counter() - t
        result["sealed"] = AuditEntry.objects.filter(seq__isnull=False).count()
        result["seal_complete"] = result["sealed"] == AuditEntry.objects.count()
    connection.close()
    if args.db == "postgres" and not args.keep:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    print("RESULT " + json.dumps(result), flush=True)


# --- parent: both databases, and the report -------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000, help="open cases to sweep")
    parser.add_argument("--db", default="sqlite,postgres", help="sqlite, postgres or both")
    parser.add_argument("--no-seal", action="store_true", help="skip timing seal_pending()")
    parser.add_argument("--seal-limit", type=float, default=120,
                        help="stop sealing after this many seconds and report how far it got")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database afterwards")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)

    results = []
    for db in [d.strip() for d in args.db.split(",") if d.strip()]:
        if db not in ("sqlite", "postgres"):
            parser.error(f"unknown database {db}")
        say(f"== {db}: {args.rows:,} open cases ...")
        cmd = [sys.executable, __file__, "--child", "--db", db, "--rows", str(args.rows)]
        cmd += ["--no-seal"] if args.no_seal else []
        cmd += ["--keep"] if args.keep else []
        cmd += ["--seal-limit", str(args.seal_limit)]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
        if proc.returncode or not lines:
            say(proc.stdout, proc.stderr)
            raise SystemExit(f"the {db} run failed")
        r = json.loads(lines[-1][len("RESULT "):])
        results.append(r)
        if "sweep_steps_s" in r:
            say("   sweep statements: " + ", ".join(
                f"{k} {v:.1f} s" for k, v in sorted(r["sweep_steps_s"].items(), key=lambda kv: -kv[1])))
        say(f"   generated in {r['generate_s']:.1f} s; baseline UPDATE {r['baseline_s']:.2f} s; "
            f"sweep {r['sweep_s']:.2f} s" + (f"; sealed {r['sealed']:,} entries in {r['seal_s']:.1f} s"
                                              if "seal_s" in r else ""))

    say(f"\n{'database':9s} {'rows':>9s} {'bare UPDATE s':>13s} {'rows/s':>10s} {'sweep s':>8s} "
        f"{'rows/s':>10s} {'ratio':>6s} {'seal s':>8s} {'entries/s':>10s}")
    for r in results:
        n = r["rows"]
        seal = f"{'-':>8s} {'-':>10s}"
        if "seal_s" in r:
            seal = f"{r['seal_s']:8.1f} {r['sealed'] / r['seal_s']:10,.0f}"
            if not r["seal_complete"]:
                seal += (f"  (stopped at the limit: {r['sealed']:,} of {n:,} sealed; all would take"
                         f" ~{n / max(r['sealed'], 1) * r['seal_s'] / 60:.1f} min at that rate)")
        say(f"{r['db']:9s} {n:9,d} {r['baseline_s']:13.2f} {n / r['baseline_s']:10,.0f} {r['sweep_s']:8.2f} "
            f"{n / r['sweep_s']:10,.0f} {r['baseline_s'] / r['sweep_s']:6.2f} {seal}")
    say("ratio = bare UPDATE time / sweep time (the sweep also writes 1 audit entry and "
        "2 notifications per case); seal: entries chained per second by seal_pending()")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
