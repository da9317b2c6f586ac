"""python manage.py scan_contacts FILE: flag harassment patterns in a contact log (issue 6 §2).

Writes one JSON line per flagged (caller, callee) pair or bombed callee; bad rows go to
standard error as {"line": N, "error": "..."} and the run goes on. Needs no database.
"""

import json

import duckdb
from django.core.management.base import BaseCommand, CommandError

from weiquan.errors import DomainError
from weiquan.rulebook.registry import get_rulebook, rulebook_in_force
from weiquan.screening.contact_scan import (
    ContactFileError,
    Thresholds,
    ThresholdsError,
    scan_file,
)


def load_thresholds(rulebook_id=None):
    """The thresholds of the rulebook named, or of the one in force (RULES 7.1).

    Without a database the rulebook in force is the WEIQUAN_RULEBOOK setting's, so the
    command still runs where no database is reachable.
    """
    try:
        rulebook = get_rulebook(rulebook_id) if rulebook_id else rulebook_in_force()
    except DomainError as error:
        raise CommandError(f"--rulebook {rulebook_id}: {error.message}") from None
    try:
        return Thresholds.from_mapping(dict(rulebook.contact_patterns))
    except ThresholdsError as error:
        raise CommandError(f"rulebook {rulebook.id} contact_patterns: {error}") from None


class StageLine:
    """One self-overwriting status line on a terminal: the stage and DuckDB's estimate."""

    def __init__(self, stream):
        self.stream = stream

    def __call__(self, stage, percent):
        shown = f" {percent:5.1f}%" if percent is not None else ""
        self.show(f"\r\033[Kscan_contacts: {stage}{shown}")

    def clear(self):
        self.show("\r\033[K")

    def show(self, text, ending=""):
        # Plain text: Django would colour all of standard error as an error on a terminal.
        self.stream.write(text, style_func=str, ending=ending)
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Scan a contact log (CSV or Parquet: ts, caller, callee, channel, answered) for "
        "burst, night, unanswered_redial and bombing; write JSON Lines."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument(
            "--format",
            dest="file_format",
            choices=["csv", "parquet"],
            help="input format (default: from the file's extension)",
        )
        parser.add_argument("--output", help="write JSON Lines here instead of standard output")
        parser.add_argument("--threads", type=int, help="DuckDB threads (default: all cores)")
        parser.add_argument(
            "--memory-limit", help="DuckDB memory limit, e.g. 1GB; beyond it DuckDB spills to disk"
        )
        parser.add_argument("--rulebook", help="rulebook version whose thresholds apply")

    def handle(self, *args, file, file_format, output, threads, memory_limit, rulebook, **options):
        thresholds = load_thresholds(rulebook)
        status = StageLine(self.stderr) if self.stderr.isatty() else None
        bad_rows = 0

        def report_bad_row(bad_row):
            nonlocal bad_rows
            bad_rows += 1
            if status:
                status.clear()
            self.stderr.write(json.dumps(bad_row, ensure_ascii=False))

        sink = open(output, "w", encoding="utf-8") if output else None
        flagged = 0
        try:
            for result in scan_file(
                file,
                thresholds,
                file_format=file_format,
                on_bad_row=report_bad_row,
                progress=status,
                threads=threads,
                memory_limit=memory_limit,
            ):
                line = json.dumps(result, ensure_ascii=False)
                if sink:
                    sink.write(line + "\n")
                else:
                    self.stdout.write(line)
                flagged += 1
        except (ContactFileError, ThresholdsError, duckdb.Error) as error:
            raise CommandError(str(error)) from None
        finally:
            if sink:
                sink.close()
            if status:
                status.clear()
                status.show(f"scan_contacts: {flagged} flagged, {bad_rows} bad rows skipped\n")
