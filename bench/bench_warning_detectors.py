"""Time the malicious-order detectors (RULES 9.1) over a large trade table, beside a
plain COUNT/GROUP BY over the same table in the same run, and print the ratio.

    .venv/bin/python bench/bench_warning_detectors.py                 # SQLite, var/bench-warnings.sqlite3
    .venv/bin/python bench/bench_warning_detectors.py --db postgres   # database bench_weiquan_warnings
    .venv/bin/python bench/bench_warning_detectors.py --trades 100000 --buyers 20000   # quicker

The database is dropped and rebuilt each run. Data is generated with INSERT ... SELECT
over a number series, so 1,000,000 trades take seconds, not minutes. Shape: 200,000
buyers with five orders each on average over 60 days, 2,000 stores (one in ten protected), 10 %
refund claims plus 400 serial claimers, rings of three accounts behind one phone,
addresses shared by two, a negative review on one trade in sixty with a message after it
(half asking for money), ~1,700 harassment complaints.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_DEFAULT = "postgres://postgres@127.0.0.1:5432/bench_weiquan_warnings"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--trades", type=int, default=1_000_000)
    parser.add_argument("--buyers", type=int, default=200_000)
    parser.add_argument("--stores", type=int, default=2_000)
    return parser.parse_args()


def prepare_database(args):
    if args.db == "sqlite":
        path = ROOT / "var" / "bench-warnings.sqlite3"
        path.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        import psycopg

        url = os.environ.get("BENCH_PG_URL", PG_DEFAULT)
        base, name = url.rsplit("/", 1)
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weiquan.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(label, fn, results):
    start = time.perf_counter()
    value = fn()
    elapsed = time.perf_counter() - start
    results.append((label, elapsed, value))
    print(f"  {label:<44} {elapsed:8.2f} s   {value}", flush=True)
    return value


def generate(args, now):
    from django.db import connection, transaction

    from weiquan.db import is_postgres

    pg = is_postgres()
    now = connection.ops.adapt_datetimefield_value(now)  # naive UTC text on SQLite, as the ORM stores

    def series(last):
        if pg:
            return f"generate_series(CAST(0 AS BIGINT), {int(last)}) AS seq(n)"
        return (f"(WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < {int(last)})"
                f" SELECT n FROM s) AS seq")

    def ago(seconds_sql):
        if pg:
            return f"(%s::timestamptz - ({seconds_sql}) * interval '1 second')"
        return f"datetime(%s, '-' || ({seconds_sql}) || ' seconds')"

    def plus(ts_sql, seconds_sql):
        if pg:
            return f"({ts_sql} + ({seconds_sql}) * interval '1 second')"
        return f"datetime({ts_sql}, '+' || ({seconds_sql}) || ' seconds')"

    nb, ns, nt = args.buyers, args.stores, args.trades
    with transaction.atomic(), connection.cursor() as c:
        member_cols = ("password, last_login, is_superuser, username, first_name, last_name, email,"
                       " is_staff, is_active, date_joined, role, nickname, language")
        true, false = ("TRUE", "FALSE") if pg else ("1", "0")
        c.execute(f"INSERT INTO members_member ({member_cols}) SELECT '!', NULL, {false},"
                  f" 'seller' || CAST(n AS VARCHAR(12)), '', '', '', {false}, {true}, %s, 'member', '',"
                  f" 'zh-hans' FROM {series(ns - 1)} ORDER BY n", [now])
        c.execute(f"INSERT INTO members_member ({member_cols}) SELECT '!', NULL, {false},"
                  f" 'buyer' || CAST(n AS VARCHAR(12)), '', '', '', {false}, {true}, %s, 'member', '',"
                  f" 'zh-hans' FROM {series(nb - 1)} ORDER BY n", [now])
        c.execute("SELECT MIN(id) FROM members_member WHERE username LIKE 'seller%%'", [])
        seller0 = c.fetchone()[0]
        c.execute("SELECT MIN(id) FROM members_member WHERE username LIKE 'buyer%%'", [])
        buyer0 = c.fetchone()[0]
        c.execute(f"INSERT INTO members_store (name, owner_id, created_at) SELECT"
                  f" 'store' || CAST(n AS VARCHAR(12)), {seller0} + n, %s FROM {series(ns - 1)} ORDER BY n",
                  [now])
        c.execute("SELECT MIN(id) FROM members_store")
        store0 = c.fetchone()[0]

        # Two different prime-modulus permutations, so buyer, store and the n-based flags
        # are not correlated by the arithmetic.
        b = f"(((n * 7919 + 13) %% 1000003) %% {nb})"
        s = f"(((n * 104729 + 7) %% 999983) %% {ns})"
        offset = "((n * 5) %% 5184000)"  # order times spread over 60 days
        # Planted patterns, so that every detector has something to find:
        burst = "(n < 17280 AND n %% 2000 < 6)"  # 6 new accounts at once, in 9 protected stores
        extortioner = f"({b} %% 2000 = 1)"  # every order ends in a bad review and a demand
        store = f"CASE WHEN {burst} THEN (n / 2000) * 10 + 9 ELSE {s} END"
        created = ago(offset)
        succeeded = plus(ago(offset), "259200")  # three days after the order
        registered = (f"CASE WHEN {burst} THEN {ago(f'{offset} + 86400')}"
                      f" ELSE {ago(f'{offset} + 86400 * ({b} %% 1000)')} END")
        sql = (
            f"INSERT INTO trades_trade (external_id, buyer_id, seller_id, store_id, channel, status,"
            f" succeeded_at, buyer_review, seller_review, title, buyer_phone_hash, address_hash,"
            f" refund_claimed, buyer_registered_at, created_at, updated_at)"
            f" SELECT 'B' || CAST(n AS VARCHAR(12)), {buyer0} + {b}, {seller0} + ({store}),"
            f" {store0} + ({store}), 'taobao',"
            f" CASE WHEN {extortioner} OR n %% 3 = 1 THEN 'success' WHEN n %% 3 = 0 THEN 'paid'"
            f" ELSE 'shipped' END,"
            f" CASE WHEN {extortioner} OR n %% 3 = 1 THEN {succeeded} END,"
            f" CASE WHEN {extortioner} OR n %% 60 = 1 THEN 'negative' WHEN n %% 3 = 1 THEN 'positive'"
            f" ELSE '' END,"
            f" '', '',"
            f" CASE WHEN {b} %% 1000 < 3 THEN 'ring' || CAST({b} / 1000 AS VARCHAR(12))"
            f" ELSE 'p' || CAST({b} AS VARCHAR(12)) END,"
            f" 'a' || CAST({b} %% {max(nb - nb // 20, 1)} AS VARCHAR(12)),"
            f" ({b} %% 500 = 0 OR n %% 10 = 0), {registered}, {created}, {created}"
            f" FROM {series(nt - 1)}"
        )
        c.execute(sql, [now] * sql.count("%s"))
        after = plus("t.succeeded_at", "86400")
        c.execute(
            f"INSERT INTO trades_message (external_id, sender_id, recipient_id, trade_id, text, sent_at)"
            f" SELECT 'M' || CAST(t.id AS VARCHAR(12)), t.buyer_id, t.seller_id, t.id,"
            f" CASE WHEN t.id %% 2 = 0 OR (t.buyer_id - {buyer0}) %% 2000 = 1"
            f" THEN '给我赔偿五十元，不然差评不改' ELSE '东西不好用' END, {after}"
            f" FROM trades_trade t WHERE t.buyer_review = 'negative'", []
        )
        c.execute(
            "INSERT INTO trades_message (external_id, sender_id, recipient_id, trade_id, text, sent_at)"
            " SELECT 'Q' || CAST(t.id AS VARCHAR(12)), t.buyer_id, t.seller_id, t.id, '什么时候发货',"
            " t.created_at FROM trades_trade t WHERE t.id %% 10 = 3", []
        )
        c.execute(
            f"INSERT INTO complaints_complaint (trade_id, complainant_id, respondent_id, store_id,"
            f" relation, harassed_person, entry, reason, state, rulebook, filed_at, answer_due,"
            f" decision_due, answer_choice, answer_explanation, answer_missed, withdrawal_reference,"
            f" state_before_withdrawal_review, tier, decision_reason, decision_overdue, sweep_token,"
            f" updated_at)"
            f" SELECT t.id, t.buyer_id, t.seller_id, t.store_id, 'self', '', 'order_list', 'bench',"
            f" 'not_established', 'taobao-003-hiding', t.created_at, t.created_at, t.created_at, '',"
            f" '', {false}, '', '', '', '', {false}, '', t.created_at"
            f" FROM trades_trade t WHERE t.id %% 600 = 1", []
        )
        c.execute(f"INSERT INTO warnings_protection (store_id, enabled, changed_at, changed_by_id)"
                  f" SELECT id, ((id - {store0}) %% 10 = 9), %s, owner_id FROM members_store", [now])
        c.execute("SELECT (SELECT COUNT(*) FROM trades_trade), (SELECT COUNT(*) FROM trades_message),"
                  " (SELECT COUNT(*) FROM complaints_complaint)")
        return dict(zip(("trades", "messages", "complaints"), c.fetchone(), strict=True))


def main():
    args = parse_args()
    prepare_database(args)
    from django.db import connection, transaction
    from django.utils import timezone

    from weiquan.rulebook.registry import rulebook_in_force
    from weiquan.warnings.detectors import _Run, run_detectors

    now = timezone.now()
    rulebook = rulebook_in_force(now)
    results = []
    print(f"== warning detectors on {connection.vendor}: {args.trades:,} trades, "
          f"{args.buyers:,} buyers, {args.stores:,} stores", flush=True)
    timed("generate data (INSERT ... SELECT)", lambda: generate(args, now), results)
    # Statistics for the planners; on PostgreSQL also the visibility map, as autovacuum
    # would set it after a bulk load, without which no index-only scan is possible.
    analyze = "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
    with connection.cursor() as c:
        timed(analyze, lambda: bool(c.execute(analyze)), results)

    since = now - datetime.timedelta(days=rulebook.warnings.lookback_days)

    def baseline():
        with connection.cursor() as c:
            c.execute("SELECT COUNT(*) FROM (SELECT buyer_id, COUNT(*) AS n FROM trades_trade"
                      " WHERE created_at >= %s GROUP BY buyer_id) g", [since])
            return c.fetchone()[0]

    def full_scan():
        with connection.cursor() as c:
            c.execute("SELECT status, COUNT(*), SUM(CASE WHEN refund_claimed THEN 1 ELSE 0 END)"
                      " FROM trades_trade GROUP BY status", [])
            return len(c.fetchall())

    since = connection.ops.adapt_datetimefield_value(since)
    timings, scans = [], []
    for label in ("warm-up", "1", "2"):
        timed(f"baseline A: COUNT/GROUP BY buyer ({label})", baseline, results)
        timings.append(results[-1][1])
        timed(f"baseline B: full-scan GROUP BY status ({label})", full_scan, results)
        scans.append(results[-1][1])
    base, scan = min(timings[1:]), min(scans[1:])

    per_detector = {}
    with transaction.atomic(), connection.cursor() as cursor:
        run = _Run(rulebook, now)
        for name, cfg in rulebook.warnings.detectors.items():
            timed(f"detector {name} (first run, inserts)",
                  lambda name=name, cfg=cfg: getattr(run, name)(cursor, cfg), results)
            per_detector[name] = results[-1][1]
        timed("audit + notifications for the new warnings",
              lambda: run.record_and_notify(cursor), results)
    timed("all detectors again (nothing new: steady state)", lambda: run_detectors(now), results)
    steady = results[-1][1]
    first = sum(per_detector.values())

    print()
    print(f"baseline A (index-only GROUP BY buyer over the look-back): {base:.2f} s")
    print(f"baseline B (full-table-scan GROUP BY status):              {scan:.2f} s")
    for name, seconds in per_detector.items():
        print(f"  {name:<20} {seconds:7.2f} s  = {seconds / base:5.1f} x A  = {seconds / scan:5.2f} x B")
    print(f"all detectors, first run: {first:.2f} s = {first / base:.1f} x A = {first / scan:.2f} x B")
    print(f"all detectors, steady   : {steady:.2f} s = {steady / base:.1f} x A = {steady / scan:.2f} x B")


if __name__ == "__main__":
    main()
