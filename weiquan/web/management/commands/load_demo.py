from django.core.management.base import BaseCommand

from weiquan.members.models import ApiToken, Member
from weiquan.web.demo import PASSWORD, load_demo, logins


class Command(BaseCommand):
    help = "Load the demo marketplace (idempotent) and print the logins and an API token."

    def handle(self, *args, **options):
        loaded = load_demo()
        token = loaded["platform_token"] if loaded else ApiToken.issue(
            Member.objects.get(username="marketplace"), label="demo")
        self.stdout.write(self.style.SUCCESS("weiquan demo: http://127.0.0.1:8000/"))
        self.stdout.write(f"  password for every demo account: {PASSWORD}")
        for role, names in logins():
            self.stdout.write(f"  {role:8} {names}")
        self.stdout.write("  admin:   http://127.0.0.1:8000/admin/  (kefu_lead)")
        self.stdout.write("  API:     http://127.0.0.1:8000/api/v1/docs")
        staff_token = ApiToken.issue(Member.objects.get(username="kefu_xiao"), label="demo")
        self.stdout.write(f"  platform API token (marketplace): {token}")
        self.stdout.write(f"  staff API token (kefu_xiao):      {staff_token}")
        self.stdout.write(f"  try: curl -H 'Authorization: Bearer {staff_token}' http://127.0.0.1:8000/api/v1/complaints")
