"""Check a file of written messages: kind<TAB>labels<TAB>text per line.

    python3 check_raw.py FILE

Prints the counts per kind and label and every bad line; exits 1 if there is one.
"""

import sys
from collections import Counter

LABELS = {"threat", "doxxing", "abuse", "review_pressure", "sexual"}
KINDS = {"harmful", "review", "ordinary", "hard_negative"}


def problems(line: str, seen: set[str]) -> list[str]:
    parts = line.split("\t")
    if len(parts) != 3:
        return [f"want 3 tab-separated columns, got {len(parts)}"]
    kind, labels, text = parts
    found = [] if labels == "-" else labels.split(",")
    wrong = []
    if kind not in KINDS or any(label not in LABELS for label in found) or not text.strip():
        wrong.append("bad kind, labels or text")
    elif (kind in {"ordinary", "hard_negative"}) != (not found):
        wrong.append("ordinary/hard_negative need '-', others need labels")
    elif kind == "review" and "review_pressure" not in found:
        wrong.append("kind review needs review_pressure")
    if text in seen:
        wrong.append("duplicate text")
    seen.add(text)
    return wrong


def main(path: str) -> int:
    seen: set[str] = set()
    counts: Counter = Counter()
    errors = 0
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            wrong = problems(line, seen)
            for problem in wrong:
                print(f"line {number}: {problem}: {line!r}")
            errors += bool(wrong)
            if not wrong:
                kind, labels, _text = line.split("\t")
                counts[kind] += 1
                for label in [] if labels == "-" else labels.split(","):
                    counts["label:" + label] += 1
    print(dict(counts), "errors:", errors)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
