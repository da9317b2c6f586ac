from django.core.management.base import BaseCommand

from weiquan.relay.services import drain_contact_log, release_expired_bindings


class Command(BaseCommand):
    help = "Move the contact gate's log from Redis into the database and release expired number bindings."

    def handle(self, *args, **options):
        moved = drain_contact_log()
        released = release_expired_bindings()
        self.stdout.write(f"contact log entries moved: {moved}; bindings released: {released}")
