"""Where a filing's time goes: the SQL one `POST /api/v1/complaints` runs, and a profile.

    .venv/bin/python bench/profile_filing.py               # PostgreSQL, database weiquan_bench_profile
    .venv/bin/python bench/profile_filing.py --sqlite      # a temporary SQLite file

Goes through the whole Django stack (middleware, ninja, auth) with the test client, in
one process, so it shows the work per request without the server and the load generator.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "weiquan_bench_profile"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--requests", type=int, default=300, help="filings to time")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the timed filings")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="weiquan-profile-")
    if args.sqlite:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/profile.sqlite3"
    else:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {DB_NAME}")
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{DB_NAME}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.bench_settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.bench_filing import populate

    call_command("migrate", verbosity=0)
    n = args.requests + 2
    token = populate(n)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="en")

    def file(i):
        body = {"trade_id": f"B{i:06d}", "entry": "order_list", "reason": "卖家因为差评连续打电话骂我",
                "behaviours": ["abuse"]}
        response = client.post("/api/v1/complaints", json.dumps(body), content_type="application/json")
        assert response.status_code == 201, response.content

    file(1)  # warm caches (rulebooks, URL resolver, ninja schemas)
    with CaptureQueriesContext(connection) as captured:
        file(2)
    total_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    print(f"{connection.vendor}: {len(captured)} queries for one filing ({total_ms:.1f} ms in the database):")
    for q in captured.captured_queries:
        print(f"  {float(q['time']) * 1000:6.2f} ms  {q['sql'][:150]}")

    # Wall time of each statement (and of COMMIT, which is not a statement), per filing.
    spent = {}

    def timed(execute, sql, params, many, context):
        table = re.search(r'(?:FROM|INTO) "?(\w+)', sql)
        kind = f"{sql.split()[0]} {table.group(1) if table else ''}"
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[kind] = spent.get(kind, 0.0) + time.perf_counter() - started

    plain_commit = connection._commit

    def timed_commit():
        started = time.perf_counter()
        try:
            return plain_commit()
        finally:
            spent["COMMIT"] = spent.get("COMMIT", 0.0) + time.perf_counter() - started

    connection._commit = timed_commit
    profiler = cProfile.Profile()
    start = time.perf_counter()
    if args.profile:
        profiler.enable()
    with connection.execute_wrapper(timed):
        for i in range(3, n + 1):
            file(i)
    if args.profile:
        profiler.disable()
    elapsed = time.perf_counter() - start
    connection._commit = plain_commit
    print(f"\nper filing, mean wall time (over {args.requests}):")
    for kind, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {seconds / args.requests * 1000:6.2f} ms  {kind}")
    database = sum(spent.values())
    print(f"  {(elapsed - database) / args.requests * 1000:6.2f} ms  everything else (Python: Django, ninja, "
          f"the service; BEGIN is sent with the first statement)")
    print(f"\n{args.requests} filings in one process, one after another: {elapsed / args.requests * 1000:.2f} ms each "
          f"({args.requests / elapsed:.0f}/s)")
    start = time.perf_counter()
    for _ in range(args.requests):
        response = client.post("/bench/bare-insert", "{}", content_type="application/json")
        assert response.status_code == 200
    bare = time.perf_counter() - start
    print(f"{args.requests} bare inserts the same way: {bare / args.requests * 1000:.2f} ms each "
          f"({args.requests / bare:.0f}/s); filing/bare throughput {bare / elapsed:.2f}")
    if args.profile:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(40)
        print(out.getvalue())
    connection.close()
    if not args.sqlite:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


if __name__ == "__main__":
    main()
