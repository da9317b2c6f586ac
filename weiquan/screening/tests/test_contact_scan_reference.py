"""The SQL against a brute-force reference: every window of every contact, checked by hand.

Random small logs with many ties and windows that meet exactly at their edges; the
reference below restates the semantics of `contact_scan.queries` in the plainest Python.
"""

import random
from collections import defaultdict
from datetime import datetime, timedelta, timezone

import pytest

from weiquan.screening.contact_scan import Thresholds, scan_rows

SHANGHAI = timezone(timedelta(hours=8))
BASE = datetime(2026, 3, 2, 18, 0, tzinfo=SHANGHAI)
THRESHOLDS = Thresholds(
    burst_count=3, burst_minutes=60, night_count=3, night_days=1,
    redial_count=2, redial_minutes=30, bombing_callers=3, bombing_minutes=60,
)  # fmt: skip


def random_log(seed):
    rng = random.Random(seed)
    rows = []
    rush = BASE + timedelta(minutes=15 * rng.randint(0, 4 * 40))
    for _ in range(rng.randint(5, 60)):
        # Steps of 15 minutes over two days, half of them in one busy two hours (in steps
        # of 5): many contacts share an instant or lie exactly a window apart.
        if rng.random() < 0.5:
            at = rush + timedelta(minutes=5 * rng.randint(0, 24))
        else:
            at = BASE + timedelta(minutes=15 * rng.randint(0, 4 * 48))
        channel = rng.choice(["call", "call", "sms", "im"])
        answered = rng.choice([True, False]) if channel == "call" else None
        offset = timezone(timedelta(hours=rng.choice([8, 0, -5])))
        rows.append(
            {
                "ts": at.astimezone(offset),
                "caller": rng.choice(["S1", "S2", "S3", "S4"]),
                "callee": rng.choice(["B1", "B2"]),
                "channel": channel,
                "answered": answered,
            }
        )
    return rows


def is_night(at, t):
    local = at.astimezone(SHANGHAI).time().strftime("%H:%M:%S")
    return local >= t.night_start or local < t.night_end


def reference(rows, t):
    """Patterns by brute force: for each contact, the window ending at it."""
    found = defaultdict(dict)  # (caller, callee) -> pattern -> [n, first, last]

    def hit(key, pattern, n, first, last):
        old = found[key].get(pattern)
        found[key][pattern] = (
            [n, first, last]
            if old is None
            else [max(old[0], n), min(old[1], first), max(old[2], last)]
        )

    by_pair, by_callee = defaultdict(list), defaultdict(list)
    for row in rows:
        by_pair[row["caller"], row["callee"]].append(row)
        by_callee[row["callee"]].append(row)
    burst, night = timedelta(minutes=t.burst_minutes), timedelta(days=t.night_days)
    redial, bombing = timedelta(minutes=t.redial_minutes), timedelta(minutes=t.bombing_minutes)
    for key, contacts in by_pair.items():
        for c in contacts:
            window = [d["ts"] for d in contacts if c["ts"] - burst <= d["ts"] <= c["ts"]]
            if len(window) >= t.burst_count:
                hit(key, "burst", len(window), min(window), c["ts"])
            if is_night(c["ts"], t):
                window = [
                    d["ts"] for d in contacts
                    if is_night(d["ts"], t) and c["ts"] - night <= d["ts"] <= c["ts"]
                ]  # fmt: skip
                if len(window) >= t.night_count:
                    hit(key, "night", len(window), min(window), c["ts"])
            if c["channel"] == "call" and not c["answered"]:
                # The run began after the last answered call at or before this one.
                answered = [d["ts"] for d in contacts if d["channel"] == "call" and d["answered"]]
                run_start = max((a for a in answered if a <= c["ts"]), default=None)
                window = [
                    d["ts"] for d in contacts
                    if d["channel"] == "call" and not d["answered"]
                    and c["ts"] - redial <= d["ts"] <= c["ts"]
                    and (run_start is None or d["ts"] >= run_start)
                ]  # fmt: skip
                if len(window) >= t.redial_count:
                    hit(key, "unanswered_redial", len(window), min(window), c["ts"])
    for callee, contacts in by_callee.items():
        for c in contacts:
            window = [d for d in contacts if c["ts"] - bombing <= d["ts"] <= c["ts"]]
            callers = {d["caller"] for d in window}
            if len(callers) >= t.bombing_callers:
                hit((None, callee), "bombing", len(callers), min(d["ts"] for d in window), c["ts"])
    return {
        key: (
            {p: v[0] for p, v in patterns.items()},
            min(v[1] for v in patterns.values()),
            max(v[2] for v in patterns.values()),
        )
        for key, patterns in found.items()
    }


@pytest.mark.parametrize("seed", range(80))
def test_scan_matches_the_brute_force_reference(seed):
    rows = random_log(seed)
    results = scan_rows(rows, THRESHOLDS, on_bad_row=pytest.fail)
    got = {
        (r["caller"], r["callee"]): (
            r["counts"],
            datetime.fromisoformat(r["first"]),
            datetime.fromisoformat(r["last"]),
        )
        for r in results
    }
    assert got == reference(rows, THRESHOLDS)


def test_the_random_logs_exercise_every_pattern():
    """Guards the test above against logs too sparse to flag anything."""
    seen = set()
    for seed in range(80):
        for patterns, _, _ in reference(random_log(seed), THRESHOLDS).values():
            seen.update(patterns)
    assert seen == {"burst", "night", "unanswered_redial", "bombing"}
