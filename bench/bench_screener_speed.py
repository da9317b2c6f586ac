"""Throughput of the message screener on one core, beside a bare Aho-Corasick pass.

    .venv/bin/python bench/bench_screener_speed.py [messages]   # default 60,000

The messages are the labelled set's texts (dev + held-out: short shop talk, harassment and
disguises), repeated to the count asked. In the same run it times:
  * bare AC     — pyahocorasick iterating the screener's own automaton over each raw text,
                  nothing else (the floor: one C pass and the Python loop around it);
  * screen()    — the full screener one message at a time: normalise, AC pass, rules,
                  the n-gram model by dictionary lookups, result object;
  * screen_many() — the same in batches of 512: the model reads each batch in one numpy pass;
  * JSON lines  — what `manage.py screen_messages` does: parse, screen in batches, dump;
                  and again with --rules-only (no n-gram model);
  * the screening passes again on ordinary messages only (no gold label), the common case.
Each is the best of 3 rounds. The process is pinned to one CPU.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weiquan.screening.management.commands.screen_messages import screen_lines  # noqa: E402
from weiquan.screening.screener import Screener, get_screener, screen_many  # noqa: E402

LABELLED = ROOT / "weiquan" / "screening" / "data" / "labelled"


def messages(count: int, ordinary_only: bool = False) -> list[str]:
    texts = []
    for part in ("dev", "heldout"):
        with open(LABELLED / f"{part}.jsonl", encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle]
        texts.extend(r["text"] for r in rows if not (ordinary_only and r["labels"]))
    return (texts * (count // len(texts) + 1))[:count]


def best_of(rounds: int, run) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 60_000
    texts = messages(count)
    chars = sum(map(len, texts))
    started = time.perf_counter()
    screener = get_screener()
    build = time.perf_counter() - started
    automaton = screener.automaton
    screen = screener.screen
    lines = [
        json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)
    ]

    def bare_ac():
        for text in texts:
            for _ in automaton.iter(text):
                pass

    def full_screen():
        for text in texts:
            screen(text)

    def batched():
        for _ in screen_many(texts):
            pass

    def json_lines():
        screen_lines(lines, io.StringIO().write, screener.screen_batch)

    rules_only = Screener(use_model=False)

    def json_lines_rules_only():
        screen_lines(lines, io.StringIO().write, rules_only.screen_batch)

    ordinary = messages(count, ordinary_only=True)

    def bare_ac_ordinary():
        for text in ordinary:
            for _ in automaton.iter(text):
                pass

    def screen_ordinary():
        for text in ordinary:
            screen(text)

    def batched_ordinary():
        for _ in screen_many(ordinary):
            pass

    timings = {
        "bare AC pass": best_of(3, bare_ac),
        "screen(), one by one": best_of(3, full_screen),
        "screen_many(), batches": best_of(3, batched),
        "JSON lines (command)": best_of(3, json_lines),
        "JSON lines, --rules-only": best_of(3, json_lines_rules_only),
        "bare AC, ordinary": best_of(3, bare_ac_ordinary),
        "screen(), ordinary": best_of(3, screen_ordinary),
        "screen_many(), ordinary": best_of(3, batched_ordinary),
    }
    flagged = sum(1 for t in texts[: len(set(texts))] if screen(t).labels)
    print(
        f"{count:,} messages, {chars / count:.1f} characters on average, "
        f"{flagged / len(set(texts)):.0%} of distinct texts flagged"
    )
    print(
        f"screener built in {build:.2f} s: {screener.pattern_count:,} patterns in the automaton\n"
    )
    print(f"{'pass':<26}{'messages/s':>12}{'µs/message':>12}{'MB/s':>8}")
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    ordinary_megabytes = sum(len(t.encode()) for t in ordinary) / 1e6
    for name, seconds in timings.items():
        mb = ordinary_megabytes if "ordinary" in name else megabytes
        print(f"{name:<26}{count / seconds:12,.0f}{seconds / count * 1e6:12.2f}{mb / seconds:8.1f}")
    ratio = timings["screen_many(), batches"] / timings["bare AC pass"]
    ordinary_ratio = timings["screen_many(), ordinary"] / timings["bare AC, ordinary"]
    print(
        f"\nscreen_many() costs {ratio:.1f}× the bare Aho-Corasick pass on the labelled mix, "
        f"{ordinary_ratio:.1f}× on ordinary messages only; the command does "
        f"{count / timings['JSON lines (command)']:,.0f} messages/s (aim: ≥ 20,000 messages/s)"
    )


if __name__ == "__main__":
    main()
