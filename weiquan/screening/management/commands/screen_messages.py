"""Screen messages in bulk: JSON Lines in on stdin, JSON Lines out on stdout, in order.

    python manage.py screen_messages < messages.jsonl > screened.jsonl

Each input line is {"id": ..., "text": ...}; each output line is
{"id", "labels", "scores", "spans"}, or {"id", "error"} for a line that cannot be screened
(the run goes on). No database is touched.
"""

from __future__ import annotations

import gc
import json
import sys

from django.core.management.base import BaseCommand

from weiquan.screening.screener import LABELS, Screener, get_screener

BATCH_SIZE = 512


def screen_lines(lines, write, screen_batch, batch_size: int = BATCH_SIZE) -> tuple[int, int]:
    """Screen each JSON line; returns (lines screened, lines in error).

    Lines are screened in batches (the screener's model reads a batch in one vectorised
    pass); output stays in input order, an error line where its input was.
    """
    screened = errors = 0
    # What json.dumps(x, ensure_ascii=False) does, without building a new encoder each time.
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    # Most messages are clean: their output differs only by id, so the rest is dumped once.
    clean_tail = dumps({"labels": [], "scores": dict.fromkeys(LABELS, 0.0), "spans": []})[1:]
    pending: list[tuple[object, str | None, str]] = []  # (id, error or None, text)

    def flush():
        texts = [text for _id, error, text in pending if error is None]
        results = iter(screen_batch(texts)) if texts else iter(())
        for message_id, error, _text in pending:
            if error is not None:
                write(dumps({"id": message_id, "error": error}) + "\n")
                continue
            result = next(results)
            if not result.labels and not any(result.scores.values()):
                write('{"id": ' + dumps(message_id) + ", " + clean_tail + "\n")
                continue
            out = {
                "id": message_id,
                "labels": result.labels,
                "scores": result.scores,
                "spans": result.spans,
            }
            write(dumps(out) + "\n")
        pending.clear()

    in_batch = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        message_id = None
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("a line must be a JSON object")
            message_id = record.get("id")
            text = record.get("text")
            if not isinstance(text, str):
                raise ValueError('"text" must be a string')
        except (ValueError, TypeError) as error:  # JSONDecodeError is a ValueError
            errors += 1
            pending.append((message_id, f"line {number}: {error}", ""))
            continue
        screened += 1
        pending.append((message_id, None, text))
        in_batch += 1
        if in_batch == batch_size:
            flush()
            in_batch = 0
    flush()
    return screened, errors


class Command(BaseCommand):
    help = "Screen JSON Lines messages from stdin for harassment; write one JSON line per input."
    requires_system_checks = []  # no database, no models: start fast
    stealth_options = ("stdin",)  # call_command(..., stdin=StringIO(...)) in tests

    def add_arguments(self, parser):
        parser.add_argument(
            "--summary", action="store_true", help="print counts on stderr at the end"
        )
        parser.add_argument(
            "--rules-only",
            action="store_true",
            help="lexicons, rules and frames without the n-gram model: about five times "
            "faster on harassment-heavy input, with far less recall on new wording",
        )

    def handle(self, *args, **options):
        stdin = options.get("stdin") or sys.stdin
        screener = Screener(use_model=False) if options["rules_only"] else get_screener()
        # The raw stream: OutputWrapper.write styles and appends endings per call, which
        # costs more than screening a short message.
        out = getattr(self.stdout, "_out", self.stdout)
        # Django and the screener outlive the run: the cyclic garbage collector need not walk
        # them at each full collection while lines stream through (~15% of a long run).
        # Undone at the end, for a process that calls the command and goes on.
        freeze = gc.get_freeze_count() == 0
        if freeze:
            gc.freeze()
        try:
            screened, errors = screen_lines(stdin, out.write, screener.screen_batch)
        finally:
            if freeze:
                gc.unfreeze()
        out.flush()
        if options["summary"]:
            self.stderr.write(f"screened {screened}, errors {errors}")
