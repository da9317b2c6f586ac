import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from weiquan.worker.jobs import run_pass


class Command(BaseCommand):
    help = "Move overdue cases, flag missed staff deadlines, mail notifications, seal the audit trail."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one pass, then exit")
        parser.add_argument("--loop", action="store_true", help="run until stopped (the default)")
        parser.add_argument("--interval", type=float, default=30.0, help="seconds between passes")

    def handle(self, *args, once=False, interval=30.0, **options):
        while True:
            counts = run_pass()
            if once or any(counts.values()):
                self.stdout.write(" ".join(f"{k}={v}" for k, v in counts.items()))
            if once:
                return
            close_old_connections()
            time.sleep(interval)
