"""Train the screener's n-gram model on the labelled set's development part (issue 6 §1).

    python manage.py train_screener

Offline and deterministic; writes weiquan/screening/data/model/ngram_model.tsv.gz, which is
committed. Run it after rebuilding the labelled set (build_labelled.py): a test fails while
the model was trained on other data than the committed dev.jsonl. No database is touched.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from weiquan.screening.screener.training import train_and_save


class Command(BaseCommand):
    help = "Train the message screener's n-gram model on the development labelled set."
    requires_system_checks: list = []

    def handle(self, *args, **options):
        train_and_save(log=lambda line: self.stdout.write(line))
