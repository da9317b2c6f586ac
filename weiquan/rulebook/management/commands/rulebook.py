import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from weiquan.errors import DomainError
from weiquan.rulebook.models import RulebookActivation
from weiquan.rulebook.registry import all_rulebooks, get_rulebook, rulebook_in_force
from weiquan.rulebook.schema import RulebookInvalid, parse_rulebook
from weiquan.rulebook.services import activate_rulebook


class Command(BaseCommand):
    help = "List, show, validate and activate rulebooks (RULES 7)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="every rulebook, and which is in force")
        show = sub.add_parser("show", help="one rulebook's numbers")
        show.add_argument("rulebook_id")
        validate = sub.add_parser("validate", help="check rulebook files (default: all installed)")
        validate.add_argument("files", nargs="*")
        activate = sub.add_parser("activate", help="put a rulebook in force")
        activate.add_argument("rulebook_id")
        activate.add_argument("--at", help="ISO 8601 time it takes force (default: now)")
        activate.add_argument("--note", default="")
        sub.add_parser("history", help="every activation")

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action}")(**options)

    def do_list(self, **options):
        current = rulebook_in_force().id
        for book in all_rulebooks().values():
            mark = "*" if book.id == current else " "
            self.stdout.write(f"{mark} {book.id:28} from {book.effective_from}  {book.title}")

    def do_show(self, rulebook_id, **options):
        try:
            book = get_rulebook(rulebook_id)
        except DomainError as exc:
            raise CommandError(f"No rulebook '{rulebook_id}'.") from exc
        self.stdout.write(f"{book.id}: {book.title}\n  file: {book.path}\n  effective from {book.effective_from}"
                          f", sources {', '.join(book.sources)}, points per {book.points_period}")
        f = book.filing
        self.stdout.write(f"  filing: within {f.window} of success, status {f.required_trade_status}, "
                          f"excluded channels {list(f.excluded_channels)}, review required {f.review_required}"
                          f" {list(f.review_values)}, mutual review {f.mutual_review_required}")
        for name, duration in book.deadlines.items():
            self.stdout.write(f"  deadline {name}: {duration}")
        for name, t in book.tiers.items():
            self.stdout.write(
                f"  tier {name}: {t.points} points {t.point_class or '-'}, compensation {t.compensation} "
                f"{book.currency}, store hidden {t.hide_store_days} days, freeze {t.freeze}"
                f"{f' {t.freeze_days} days' if t.freeze == 'temporary' else ''}"
                f"{', permanent allowed' if t.permanent_freeze_allowed else ''}"
            )

    def do_validate(self, files, **options):
        paths = [Path(f) for f in files] or [Path(b.path) for b in all_rulebooks().values()]
        failed = False
        for path in paths:
            try:
                parse_rulebook(path)
            except RulebookInvalid as exc:
                failed = True
                self.stderr.write(str(exc))
            except OSError as exc:
                failed = True
                self.stderr.write(f"rulebook {path}: cannot be read: {exc}")
            else:
                self.stdout.write(f"ok {path}")
        if failed:
            raise CommandError("Some rulebooks are not valid.")

    def do_activate(self, rulebook_id, at=None, note="", **options):
        when = None
        if at:
            when = parse_datetime(at) or (
                datetime.datetime.combine(datetime.date.fromisoformat(at), datetime.time(),
                                          timezone.get_current_timezone()))
            if timezone.is_naive(when):
                when = timezone.make_aware(when)
        try:
            activation = activate_rulebook(None, rulebook_id, at=when, note=note)
        except DomainError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(f"{activation.rulebook_id} in force from {timezone.localtime(activation.activated_at)}")

    def do_history(self, **options):
        for a in RulebookActivation.objects.all():
            self.stdout.write(f"{timezone.localtime(a.activated_at)}  {a.rulebook_id}  {a.note}")
