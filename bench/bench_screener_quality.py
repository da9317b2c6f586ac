"""Quality of the message screener on the labelled set (issue 6 §1).

    .venv/bin/python bench/bench_screener_quality.py            # held-out part
    .venv/bin/python bench/bench_screener_quality.py dev        # development part
    .venv/bin/python bench/bench_screener_quality.py heldout -v # also list the misses

Prints precision, recall and F1 per label, recall per evasion form (on messages that carry
a label) — both overall and "seen-through", i.e. only on disguised messages whose undisguised
text the screener catches, which measures the normalisation apart from lexicon coverage —
and the share of ordinary messages (no gold label) that got any label. It does not
fail on low figures; the aims are printed beside them.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weiquan.screening.screener import LABELS, Screener, screen  # noqa: E402

LABELLED = ROOT / "weiquan" / "screening" / "data" / "labelled"
AIM_PRECISION, AIM_RECALL, AIM_THREAT_RECALL, AIM_ORDINARY_FP = 0.90, 0.90, 0.95, 0.02


def load(part: str) -> list[dict]:
    with open(LABELLED / f"{part}.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def evaluate(rows: list[dict], screen=screen) -> dict:
    counts = {label: Counter() for label in LABELS}
    form_recall: dict[str, Counter] = defaultdict(Counter)
    ordinary = Counter()
    misses, false_alarms = [], []
    for row in rows:
        gold, predicted = set(row["labels"]), set(screen(row["text"]).labels)
        for label in LABELS:
            if label in gold and label in predicted:
                counts[label]["tp"] += 1
            elif label in predicted:
                counts[label]["fp"] += 1
            elif label in gold:
                counts[label]["fn"] += 1
        if gold and row.get("undisguised") and row["form"] != "plain":
            # Evasion alone: of the disguised messages whose undisguised form is caught in
            # full, how many are still caught? Separates seeing through a disguise from
            # knowing the phrase at all.
            if gold <= set(screen(row["undisguised"]).labels):
                form_recall[row["form"]]["known"] += 1
                form_recall[row["form"]]["known_found"] += gold <= predicted
        if gold:
            form_recall[row["form"]]["gold"] += len(gold)
            form_recall[row["form"]]["found"] += len(gold & predicted)
            form_recall[row["form"]]["messages"] += 1
            form_recall[row["form"]]["all_found"] += gold <= predicted
            if not gold <= predicted:
                misses.append((row, sorted(gold - predicted)))
        else:
            ordinary["messages"] += 1
            ordinary["flagged"] += bool(predicted)
        if predicted - gold:
            false_alarms.append((row, sorted(predicted - gold)))
    return {
        "counts": counts,
        "forms": form_recall,
        "ordinary": ordinary,
        "misses": misses,
        "false_alarms": false_alarms,
    }


def ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def report(part: str, verbose: bool) -> None:
    rows = load(part)
    result = evaluate(rows)
    print(
        f"Labelled set: {part}, {len(rows)} messages ({result['ordinary']['messages']} ordinary)\n"
    )
    print(f"{'label':<16}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}   aim")
    for label in LABELS:
        c = result["counts"][label]
        p, r = ratio(c["tp"], c["tp"] + c["fp"]), ratio(c["tp"], c["tp"] + c["fn"])
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        aim_r = AIM_THREAT_RECALL if label == "threat" else AIM_RECALL
        ok = "ok" if p >= AIM_PRECISION and r >= aim_r else "BELOW"
        print(
            f"{label:<16}{p:7.3f}{r:7.3f}{f1:7.3f}{c['tp']:6d}{c['fp']:5d}{c['fn']:5d}   P≥{AIM_PRECISION} R≥{aim_r} {ok}"
        )
    print(f"\n{'form':<14}{'recall':>7}{'all':>6}{'msgs':>6}{'seen-through':>14}{'of':>5}")
    for form, c in sorted(result["forms"].items()):
        through = ratio(c["known_found"], c["known"]) if form != "plain" else float("nan")
        print(
            f"{form:<14}{ratio(c['found'], c['gold']):7.3f}{ratio(c['all_found'], c['messages']):6.2f}"
            f"{c['messages']:6d}{through:14.3f}{c['known']:5d}"
        )
    print("  recall: share of gold labels found; all: share of messages with every gold label;")
    print(
        "  seen-through: of disguised messages whose undisguised text is caught, share still caught"
    )
    o = result["ordinary"]
    fp_rate = ratio(o["flagged"], o["messages"])
    print(
        f"\nordinary messages flagged: {o['flagged']}/{o['messages']} = {fp_rate:.3%} (aim < {AIM_ORDINARY_FP:.0%})"
    )
    # The same rows through the rules alone: what the n-gram model adds.
    rules = evaluate(rows, Screener(use_model=False).screen)
    print("\nrules alone (no n-gram model):")
    for label in LABELS:
        c = rules["counts"][label]
        p, r = ratio(c["tp"], c["tp"] + c["fp"]), ratio(c["tp"], c["tp"] + c["fn"])
        print(f"  {label:<16}P {p:.3f}  R {r:.3f}")
    o = rules["ordinary"]
    print(f"  ordinary flagged {o['flagged']}/{o['messages']}")
    if verbose:
        print("\nMisses:")
        for row, labels in result["misses"]:
            print(f"  {row['id']} [{row['form']}] {row['text']!r} missing {labels}")
        print("\nFalse alarms:")
        for row, labels in result["false_alarms"]:
            spans = [
                (s["text"], s["rule"]) for s in screen(row["text"]).spans if s["label"] in labels
            ]
            print(f"  {row['id']} [{row['form']}] {row['text']!r} extra {labels} {spans}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    report(args[0] if args else "heldout", "-v" in sys.argv)
