from django.core.management.base import BaseCommand, CommandError

from weiquan.audit.services import seal_pending, verify_chain


class Command(BaseCommand):
    help = "Check the audit trail's hash chain; name the first broken link."

    def add_arguments(self, parser):
        parser.add_argument("--no-seal", action="store_true", help="do not seal pending entries first")

    def handle(self, *args, no_seal=False, **options):
        if not no_seal:
            seal_pending()
        checked, broken, unsealed = verify_chain()
        if broken is not None:
            raise CommandError(
                f"audit chain broken at seq {broken.seq} (entry id {broken.id}, {broken.action} "
                f"on {broken.object_type} {broken.object_id}); {checked - 1} entries before it are intact"
            )
        self.stdout.write(f"audit chain intact: {checked} entries" + (f", {unsealed} not yet sealed" if unsealed else ""))
