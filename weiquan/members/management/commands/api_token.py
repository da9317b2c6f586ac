from django.core.management.base import BaseCommand, CommandError

from weiquan.members.models import ApiToken, Member, Store

ROLES = {"buyer": Member.Role.MEMBER, "seller": Member.Role.MEMBER, "staff": Member.Role.STAFF,
         "platform": Member.Role.PLATFORM}


class Command(BaseCommand):
    help = "Print a new API bearer token for a member (--create makes the account first)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--create", action="store_true", help="create the account if it is new")
        parser.add_argument("--role", choices=sorted(ROLES), default="buyer")
        parser.add_argument("--label", default="cli")

    def handle(self, username, create=False, role="buyer", label="cli", **options):
        member = Member.objects.filter(username=username).first()
        if member is None:
            if not create:
                raise CommandError(f"No member '{username}'. Use --create --role ROLE to create one.")
            member = Member.objects.create(username=username, role=ROLES[role], is_staff=role == "staff")
            member.set_unusable_password()
            member.save()
            if role == "seller":
                Store.objects.get_or_create(name=f"{username}'s store", defaults={"owner": member})
        self.stdout.write(ApiToken.issue(member, label=label))
