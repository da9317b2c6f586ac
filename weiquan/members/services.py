"""Accounts and what they may do."""

from .models import ApiToken, Member, Store


def member_for_token(raw_token):
    token = (
        ApiToken.objects.select_related("member")
        .filter(digest=ApiToken.digest_of(raw_token), member__is_active=True)
        .first()
    )
    return token.member if token else None


def ensure_member(username, *, role=Member.Role.MEMBER, nickname=""):
    """The member with this username, created (without a usable password) if new."""
    member, created = Member.objects.get_or_create(
        username=username, defaults={"role": role, "nickname": nickname}
    )
    if created:
        member.set_unusable_password()
        member.save(update_fields=["password"])
    return member


def ensure_store(name, owner):
    store, _ = Store.objects.get_or_create(name=name, defaults={"owner": owner})
    return store
