"""Contact gate throughput and latency, in process, with the Redis backend (issue 5).

Beside it, in the same run, a bare Redis round trip (PING and GET) with the same client
library, so the figure is read as a ratio to what one round trip costs on this machine.

    .venv/bin/python bench/bench_contact_gate.py [--seconds 3] [--pairs 200] [--http]

Uses a throw-away SQLite database and its own Redis key prefix, both removed afterwards.
--http also measures through gunicorn (one sync worker), briefly.
"""

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = tempfile.mkdtemp(prefix="weiquan-bench-gate-")
DB = f"sqlite:///{TMP}/bench.sqlite3"
PREFIX = f"weiquan:bench:{uuid.uuid4().hex}:"
ROUNDS = 10
os.environ.update(DJANGO_SETTINGS_MODULE="weiquan.settings", DATABASE_URL=DB,
                  WEIQUAN_GATE_BACKEND="redis", WEIQUAN_GATE_REDIS_PREFIX=PREFIX,
                  WEIQUAN_VAR_DIR=TMP, DEBUG="0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from weiquan.members.models import ApiToken, Member, Store  # noqa: E402
from weiquan.relay.gate import get_backend  # noqa: E402
from weiquan.relay.services import decide_contact, drain_contact_log  # noqa: E402
from weiquan.trades.models import Trade  # noqa: E402


def timed(fn, seconds):
    """Call fn() for `seconds`; per-call latencies in microseconds."""
    lat = []
    clock = time.perf_counter
    end = clock() + seconds
    while True:
        t0 = clock()
        fn()
        t1 = clock()
        lat.append((t1 - t0) * 1e6)
        if t1 > end:
            return lat


def summary(name, lat, seconds_total=None):
    total = seconds_total or sum(lat) / 1e6
    rate = len(lat) / total
    q = statistics.quantiles(lat, n=100)
    print(f"{name:<34} {rate:>10,.0f}/s   p50 {q[49]:>7.1f} µs   p99 {q[98]:>7.1f} µs   (n={len(lat):,})")
    return rate


def setup(pairs):
    call_command("migrate", verbosity=0)
    platform = Member.objects.create(username="bench_platform", role=Member.Role.PLATFORM)
    now = timezone.now()
    members, trades = [], []
    for i in range(pairs):
        b = Member(username=f"b{i}")
        s = Member(username=f"s{i}")
        members += [b, s]
    Member.objects.bulk_create(members)
    by_name = {m.username: m for m in Member.objects.all()}
    stores = Store.objects.bulk_create([Store(name=f"store{i}", owner=by_name[f"s{i}"]) for i in range(pairs)])
    for i in range(pairs):
        trades.append(Trade(external_id=f"BT{i}", buyer=by_name[f"b{i}"], seller=by_name[f"s{i}"],
                            store=stores[i], channel="taobao", status="success", succeeded_at=now,
                            buyer_review="positive"))
    Trade.objects.bulk_create(trades)
    return platform


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--http", action="store_true")
    args = parser.parse_args()
    platform = setup(args.pairs)
    backend = get_backend()
    r = backend.redis
    r.set(PREFIX + "probe", "x")
    # Daytime in Shanghai, so quiet hours do not short-cut the decision.
    at = datetime.datetime.combine(timezone.now().date() + datetime.timedelta(days=1),
                                   datetime.time(10, 0), datetime.UTC) - datetime.timedelta(hours=8)
    requests = [(f"BT{i}", f"s{i}", f"b{i}") for i in range(args.pairs)]
    counter = {"i": 0, "allow": 0}

    def gate_once():
        i = counter["i"] = counter["i"] + 1
        trade_id, caller, callee = requests[i % len(requests)]
        d = decide_contact(platform, trade_id=trade_id, caller=caller, callee=callee, channel="im",
                           at=at + datetime.timedelta(milliseconds=i))
        counter["allow"] += d.allowed

    try:
        for _ in range(len(requests) * 2):  # warm up: connections, script cache, facts
            gate_once()
        counter.update(i=0, allow=0)
        print(f"Redis {r.info('server')['redis_version']}, redis-py, {args.pairs} pairs, "
              f"{args.seconds:.0f} s per line in {ROUNDS} interleaved slices, one process, "
              f"{os.cpu_count()} cores shared, load average {os.getloadavg()[0]:.1f}")
        entry = backend.facts(*requests[0])
        keys, gens, fixed = backend._prepared(entry, "im")
        script_args = (gens, str(int(at.timestamp() * 1000) - 10**9).encode(), b"CABENCH", b"cap_reached", fixed)
        lines = {
            "bare Redis PING": r.ping,
            "bare Redis GET": lambda: r.get(PREFIX + "probe"),
            "gate decision (service, redis)": gate_once,
            # The same script call alone, to split the cost between Redis and Python.
            "  of which: the EVALSHA alone": lambda: backend._evalsha(keys, script_args),
        }
        # Interleaved slices, so that noise from other processes falls on every line alike.
        lat = {name: [] for name in lines}
        for _ in range(ROUNDS):
            for name, fn in lines.items():
                lat[name] += timed(fn, args.seconds / ROUNDS)
        rates = {name: summary(name, values) for name, values in lat.items()}
        p50 = {name: statistics.median(values) for name, values in lat.items()}
        ping, gate = rates["bare Redis PING"], rates["gate decision (service, redis)"]
        print(f"  decisions: {counter['i']:,} ({counter['allow']:,} allowed, rest cap_reached)")
        print(f"ratio gate/PING: by rate {gate / ping:.2f}, by p50 "
              f"{p50['bare Redis PING'] / p50['gate decision (service, redis)']:.2f}; "
              f"gate/GET by rate {gate / rates['bare Redis GET']:.2f}")
        # For reference: the embedded default, counters in the database (SQLite here).
        from django.conf import settings

        settings.WEIQUAN_GATE_BACKEND = "db"
        summary("gate decision (service, db backend)", timed(gate_once, args.seconds / 3))
        settings.WEIQUAN_GATE_BACKEND = "redis"
        t0 = time.perf_counter()
        moved = drain_contact_log()
        dt = time.perf_counter() - t0
        print(f"drain of the log into SQLite: {moved:,} rows in {dt:.2f} s ({moved / dt:,.0f} rows/s)")
        if args.http:
            http_bench(platform, args.seconds, at)
    finally:
        backend.clear()
        shutil.rmtree(TMP, ignore_errors=True)


def http_bench(platform, seconds, at):
    import http.client
    import json

    token = ApiToken.issue(platform, label="bench")
    port = 18765
    env = dict(os.environ)
    proc = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-w", "1", "-b", f"127.0.0.1:{port}", "weiquan.wsgi"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
                break
            except OSError:
                time.sleep(0.1)
        i = {"n": 0}

        def one():
            i["n"] += 1
            n = i["n"] % 200
            body = json.dumps({"trade_id": f"BT{n}", "caller": f"s{n}", "callee": f"b{n}",
                               "channel": "im", "at": at.isoformat()})
            conn = http.client.HTTPConnection("127.0.0.1", port)
            conn.request("POST", "/api/v1/contact-gate", body,
                         {"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            assert response.status == 200, response.status
            conn.close()

        def baseline():
            conn = http.client.HTTPConnection("127.0.0.1", port)
            conn.request("GET", "/api/v1/me/contact-preferences", headers={"Authorization": f"Bearer {token}"})
            response = conn.getresponse()
            response.read()
            assert response.status == 200, response.status
            conn.close()

        for _ in range(300):
            one()
        summary("gate via HTTP (gunicorn, 1 sync)", timed(one, seconds))
        summary("baseline: GET my preferences", timed(baseline, seconds))
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
