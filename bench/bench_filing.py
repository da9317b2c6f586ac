"""Complaints filed per second through the HTTP API, beside a bare one-row insert.

Production shape: gunicorn on PostgreSQL (CONN_MAX_AGE=600), 32 concurrent clients driven by
wrk, every request filing about a trade of its own. The bare Django view is measured in the
same run, alternately with the filing run (bare, filing, bare, filing), so the ratio between
them is what to trust on a shared machine, not the absolute figures.

    .venv/bin/python bench/bench_filing.py                 # sync and gthread, 2 rounds each
    .venv/bin/python bench/bench_filing.py --servers sync --rounds 1 --seconds 5

Needs wrk (Debian: apt-get install -y wrk) and the local PostgreSQL at 127.0.0.1:5432.
It drops and recreates the database `weiquan_bench`, and drops it at the end unless --keep.
"""

import argparse
import datetime
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "weiquan_bench"
BARE_PATH = "/bench/bare-insert"
FILING_PATH = "/api/v1/complaints"

# gunicorn configurations compared ("choose the production server by measuring").
SERVERS = {
    "sync": ["--workers", "2"],
    "gthread": ["--workers", "2", "--worker-class", "gthread", "--threads", "4"],
}

# Each wrk thread files about trades base + n * threads + tid (n = 0, 1, ...): the threads
# partition the id space, and done() reports how far each got so the next run starts after.
LUA = r"""
local base, nthreads = __BASE__, __THREADS__
local mode, token = "__MODE__", "__TOKEN__"
local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token,
                 ["Accept-Language"] = "en"}
local threads, next_tid = {}, 0

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  table.insert(threads, thread)
end

function init(args)
  n, ok, bad = 0, 0, 0
end

function request()
  local body = "{}"
  if mode == "filing" then
    body = string.format('{"trade_id":"B%06d","entry":"order_list",'
      .. '"reason":"卖家因为差评连续打电话骂我","behaviours":["abuse"]}', base + n * nthreads + tid)
  end
  n = n + 1
  return wrk.format("POST", nil, headers, body)
end

function response(status, hdrs, body)
  if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1 end
end

function done(summary, latency, requests)
  local sent, good, nok, max_n = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    local tn = t:get("n")
    sent, good, nok = sent + tn, good + t:get("ok"), nok + t:get("bad")
    if tn > max_n then max_n = tn end
  end
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,'
    .. '"mean_us":%.1f,"max_us":%d,"sent":%d,"ok":%d,"non_2xx":%d,"max_n":%d,'
    .. '"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.mean, latency.max, sent, good, nok, max_n,
    e.connect, e.read, e.write, e.timeout))
end
"""


def say(*parts):
    print(*parts, flush=True)


def drop_database(create=False):
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        if create:
            conn.execute(f"CREATE DATABASE {DB_NAME}")


def setup_django():
    os.environ["DATABASE_URL"] = f"{PG_SERVER}/{DB_NAME}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.bench_settings"
    import django

    django.setup()


def populate(trades):
    """One buyer with a token, one seller and store, `trades` fileable trades B000001..."""
    from django.db import connection
    from django.utils import timezone

    from bench.bench_urls import BARE_TABLE
    from weiquan.members.models import ApiToken, Member, Store
    from weiquan.trades.models import Trade

    buyer = Member.objects.create(username="bench_buyer", email="buyer@example.com")
    seller = Member.objects.create(username="bench_seller", email="seller@example.com")
    store = Store.objects.create(name="压测小店", owner=seller)
    token = ApiToken.issue(buyer, label="bench")
    succeeded = timezone.now() - datetime.timedelta(days=1)
    Trade.objects.bulk_create(
        (Trade(external_id=f"B{i:06d}", buyer=buyer, seller=seller, store=store, channel="taobao",
               status=Trade.Status.SUCCESS, succeeded_at=succeeded, buyer_review="negative",
               seller_review="positive", title="bench") for i in range(1, trades + 1)),
        batch_size=5000,
    )
    key, stamp = ("bigserial PRIMARY KEY", "timestamptz") if connection.vendor == "postgresql" else (
        "integer PRIMARY KEY AUTOINCREMENT", "datetime")
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {BARE_TABLE} (id {key}, at {stamp} NOT NULL, note varchar(32) NOT NULL)")
        cursor.execute("ANALYZE")
    return token


def count_rows(mode):
    from django.db import connection

    from bench.bench_urls import BARE_TABLE

    table = "complaints_complaint" if mode == "filing" else BARE_TABLE
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


def settled_count(mode):
    """The row count once requests still in flight when wrk stopped have been served."""
    last = count_rows(mode)
    for _ in range(40):
        time.sleep(0.3)
        now = count_rows(mode)
        if now == last:
            return now
        last = now
    return last


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(name, log_dir):
    port = free_port()
    log = open(log_dir / f"gunicorn-{name}.log", "w")  # noqa: SIM115 (closed with the process)
    cmd = [sys.executable, "-m", "gunicorn", "weiquan.wsgi:application",
           "--bind", f"127.0.0.1:{port}", "--log-level", "warning", *SERVERS[name]]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn ({name}) exited; see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{BARE_PATH}?ping=1", timeout=2):
                return proc, port
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"gunicorn ({name}) did not answer within 30 s; see {log.name}")


def stop_server(proc):
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Load:
    def __init__(self, args, token, trades, tmp):
        self.args, self.token, self.trades, self.tmp = args, token, trades, tmp
        self.next_trade = 1  # the first trade id no run has used yet

    def run(self, port, mode, seconds):
        args = self.args
        base = self.next_trade
        script = (LUA.replace("__BASE__", str(base)).replace("__THREADS__", str(args.threads))
                  .replace("__MODE__", mode).replace("__TOKEN__", self.token))
        lua = self.tmp / f"{mode}.lua"
        lua.write_text(script, encoding="utf-8")
        path = FILING_PATH if mode == "filing" else BARE_PATH
        cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s",
               "--timeout", "5s", "-s", str(lua), f"http://127.0.0.1:{port}{path}"]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        lines = [line for line in out.splitlines() if line.startswith("WRKJSON ")]
        if not lines:
            raise SystemExit(f"wrk printed no result:\n{out}")
        result = json.loads(lines[-1][len("WRKJSON "):])
        if mode == "filing":
            self.next_trade = base + args.threads * result["max_n"]
            if self.next_trade > self.trades + 1:
                raise SystemExit(f"ran out of trades ({self.trades}); rerun with a larger --trades")
        result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
        return result

    def headroom_ok(self, expected_rps, seconds):
        return self.next_trade + expected_rps * (seconds + 1) * 1.3 <= self.trades


def measure(load, port, mode, args, last_rps):
    """A warm-up, then a timed run; for filing, check the database against wrk's counts."""
    if mode == "filing" and not load.headroom_ok(last_rps, args.warmup + args.seconds):
        raise SystemExit(f"not enough unused trades left for another filing run; use --trades "
                         f"larger than {load.trades}")
    load.run(port, mode, args.warmup)
    before = settled_count(mode)
    result = load.run(port, mode, args.seconds)
    result["db_rows"] = settled_count(mode) - before
    # wrk counts the responses it read; requests still in flight at its cutoff are served
    # after it stopped listening, so the database may hold up to `connections` more rows.
    result["db_check"] = (result["non_2xx"] == 0 and result["ok"] <= result["db_rows"] <= result["sent"])
    return result


def fmt(result):
    return (f"{result['rps']:8.0f} req/s  p50 {result['p50_us'] / 1000:6.1f} ms  "
            f"p99 {result['p99_us'] / 1000:6.1f} ms  non-2xx {result['non_2xx']}  "
            f"socket errors {result['connect_errors'] + result['read_errors'] + result['write_errors'] + result['timeouts']}  "
            f"rows {result['db_rows']} (2xx read {result['ok']}, sent {result['sent']})")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--servers", default="sync,gthread", help="comma-separated: " + ", ".join(SERVERS))
    parser.add_argument("--rounds", type=int, default=2, help="bare/filing pairs per server")
    parser.add_argument("--seconds", type=int, default=10, help="length of each measurement")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up before each measurement")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--trades", type=int, default=100_000, help="fileable trades to create")
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--keep", action="store_true", help=f"keep the database {DB_NAME} afterwards")
    args = parser.parse_args()
    servers = [s.strip() for s in args.servers.split(",") if s.strip()]
    unknown = [s for s in servers if s not in SERVERS]
    if unknown:
        parser.error(f"unknown server {unknown}; choose from {list(SERVERS)}")

    if shutil.which("wrk") is None:
        say("wrk is not installed. On Debian: apt-get install -y wrk "
            "(run apt-get update first if the package is not found).")
        raise SystemExit(2)

    t0 = time.monotonic()
    say(f"recreating database {DB_NAME} and migrating ...")
    drop_database(create=True)
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    say(f"creating {args.trades:,} trades ...")
    token = populate(args.trades)
    say(f"ready in {time.monotonic() - t0:.0f} s")

    with tempfile.TemporaryDirectory(prefix="weiquan-bench-") as tmp:
        tmp = Path(tmp)
        load = Load(args, token, args.trades, tmp)
        # Every server runs for the whole measurement (an idle one costs nothing) and the
        # rounds alternate between them, so a change in the machine's load hits all alike.
        started = {}
        try:
            for name in servers:
                started[name] = start_server(name, tmp)
            results = {name: [] for name in servers}
            last_rps = 1000.0
            say(f"\n{args.connections} connections, {args.warmup} s warm-up + {args.seconds} s each; "
                + "; ".join(f"{name}: gunicorn {' '.join(SERVERS[name])}" for name in servers))
            for r in range(1, args.rounds + 1):
                for name in servers:
                    port = started[name][1]
                    pair = {}
                    for mode in ("bare", "filing"):
                        pair[mode] = measure(load, port, mode, args, last_rps)
                        say(f"  round {r} {name:8s} {mode:6s} {fmt(pair[mode])}")
                        if mode == "filing":
                            last_rps = max(last_rps, pair[mode]["rps"])
                    pair["ratio"] = pair["filing"]["rps"] / pair["bare"]["rps"]
                    say(f"  round {r} {name:8s} ratio filing/bare {pair['ratio']:.2f}")
                    results[name].append(pair)
        finally:
            for name, (proc, _port) in started.items():
                stop_server(proc)
                log = (tmp / f"gunicorn-{name}.log").read_text()
                if log.strip():
                    say(f"  gunicorn {name} log (last lines):\n    "
                        + "\n    ".join(log.strip().splitlines()[-10:]))

    say("\n== summary (req/s, p50/p99 ms; ratio = filing req/s / bare req/s in the same round)")
    say(f"{'server':8s} {'round':5s} {'bare req/s':>10s} {'p50':>6s} {'p99':>6s} "
        f"{'filing req/s':>12s} {'p50':>6s} {'p99':>6s} {'ratio':>6s}  db check")
    ok = True
    for name, runs in results.items():
        for r, pair in enumerate(runs, 1):
            b, f = pair["bare"], pair["filing"]
            ok = ok and f["db_check"]
            say(f"{name:8s} {r:5d} {b['rps']:10.0f} {b['p50_us'] / 1000:6.1f} {b['p99_us'] / 1000:6.1f} "
                f"{f['rps']:12.0f} {f['p50_us'] / 1000:6.1f} {f['p99_us'] / 1000:6.1f} "
                f"{pair['ratio']:6.2f}  {'ok' if f['db_check'] else 'MISMATCH'}")
    if len(results) > 1:
        for mode in ("bare", "filing"):
            means = {n: statistics.mean(p[mode]["rps"] for p in results[n]) for n in results}
            say(f"mean {mode} req/s: " + ", ".join(f"{n} {v:.0f}" for n, v in means.items())
                + f" -> faster: {max(means, key=means.get)}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    if not args.keep:  # the PostgreSQL server is shared: leave nothing behind
        from django.db import connection

        connection.close()
        drop_database()
    if not ok:
        say("DB CHECK FAILED: non-2xx responses, or complaints in the database do not match wrk's counts")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
