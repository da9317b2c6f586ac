"""Accounts and what they may do."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weiquan.errors import DomainError, NotFound

from .models import AgencyGrant, AgencyRight, ApiToken, Member, Store


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


# --- Agencies (代运营, RULES 1.3) -------------------------------------------------------


def agency_label(agency, store):
    """How the audit trail names an agency's act (RULES 1.3)."""
    return f"agency {agency.username} for store {store.name}"


def acting_for(actor, store, right):
    """May `actor` act for `store` with `right`? Returns the audit label to record the act
    under — the owner's own username, or "agency X for store Y" — or None when it may not.

    The one seam through which complaints, penalties and warnings let an agency act
    (RULES 1.3)."""
    store_id = getattr(store, "pk", store)
    owner_id = getattr(store, "owner_id", None)
    if owner_id is None:
        owner_id = Store.objects.filter(pk=store_id).values_list("owner_id", flat=True).first()
    if owner_id == actor.pk:
        return actor.username
    if AgencyGrant.objects.filter(store_id=store_id, agency=actor, right=right,
                                  revoked_at__isnull=True).exists():
        if not isinstance(store, Store):
            store = Store.objects.get(pk=store_id)
        return agency_label(actor, store)
    return None


def stores_served(actor, right):
    """Ids of the stores `actor` may act for with `right` (owned, or granted), as a subquery."""
    from django.db.models import Q

    granted = AgencyGrant.objects.filter(agency=actor, right=right, revoked_at__isnull=True)
    return Store.objects.filter(Q(owner=actor) | Q(pk__in=granted.values("store_id"))).values("pk")


def visible_stores(actor):
    """Stores `actor` owns or serves with any live right; other stores do not exist for it."""
    from django.db.models import Q

    granted = AgencyGrant.objects.filter(agency=actor, revoked_at__isnull=True)
    return Store.objects.filter(Q(owner=actor) | Q(pk__in=granted.values("store_id")))


def get_store(actor, store_id):
    store = visible_stores(actor).filter(pk=store_id).first()
    if store is None:
        raise NotFound()
    return store


def owned_store(actor, store_id):
    """Only the owner manages agencies: anyone else (agencies included) gets 404."""
    store = Store.objects.filter(pk=store_id, owner=actor).first()
    if store is None:
        raise NotFound()
    return store


@transaction.atomic
def set_agency_rights(actor, store_id, agency_username, rights):
    """The owner grants exactly `rights` to an agency for its store; rights left out are
    revoked, an empty list revokes all (RULES 1.3). Recorded in the audit trail."""
    from weiquan.audit.services import record

    store = owned_store(actor, store_id)
    unknown = [r for r in rights if r not in AgencyRight.values]
    if unknown:
        raise DomainError("unknown_right", _("Unknown right: %(rights)s") % {"rights": ", ".join(unknown)})
    agency = Member.objects.filter(username=agency_username, is_active=True).first()
    if agency is None:
        raise NotFound(message=_("There is no such member."))
    if agency.pk == store.owner_id or agency.is_handler or agency.is_platform:
        raise DomainError("invalid_agency", _("The owner, staff and platform accounts cannot be agencies."))
    now = timezone.now()
    live = AgencyGrant.objects.filter(store=store, agency=agency, revoked_at__isnull=True)
    current = set(live.values_list("right", flat=True))
    wanted = set(rights)
    revoked = sorted(current - wanted)
    granted = sorted(wanted - current)
    live.filter(right__in=revoked).update(revoked_at=now)
    AgencyGrant.objects.bulk_create(
        AgencyGrant(store=store, agency=agency, right=r, granted_by=actor, granted_at=now)
        for r in granted
    )
    if revoked or granted:
        record(actor, "agency.rights_changed", store, data={
            "agency": agency.username, "granted": granted, "revoked": revoked,
            "rights": sorted(wanted)})
    return agency, sorted(wanted)


def agencies_of(actor, store_id):
    store = owned_store(actor, store_id)
    rows = (AgencyGrant.objects.filter(store=store, revoked_at__isnull=True)
            .select_related("agency").order_by("agency__username", "right"))
    out = {}
    for grant in rows:
        out.setdefault(grant.agency.username, []).append(grant.right)
    return store, out
