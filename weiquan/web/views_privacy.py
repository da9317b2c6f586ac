"""Buyers, detect and prevent (issue 6 §3; RULES 3.3, 10.2, 10.3): complaining with a
harmful message attached, the privacy check, the member's contact preferences, and
contact-log evidence numbers on the buyer's case page."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from weiquan.relay import services as relay
from weiquan.relay.models import Address, Channel
from weiquan.trades.models import Message

from .common import Attempt, member_page, page

COMMON_ZONES = ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Tokyo", "Europe/London",
                "America/New_York", "America/Los_Angeles"]


def received_messages(member, external_ids):
    """Messages this member received, among the given ids (others' messages stay unseen)."""
    ids = [i for i in dict.fromkeys(external_ids) if i]
    if not ids:
        return []
    return list(Message.objects.filter(external_id__in=ids, recipient=member).select_related("sender", "trade")
                .order_by("sent_at", "id"))


@member_page
def complain_with_message(request, message_id):
    """From the inbox: the filing form for the message's trade, with the message attached."""
    found = received_messages(request.user, [message_id])
    if not found:
        raise Http404  # a message you did not receive does not exist for you
    if found[0].trade is None or found[0].trade.buyer_id != request.user.pk:
        messages.info(request, _("This message is not about one of your orders: choose the order to complain about."))
        return redirect("buyer_orders")
    url = reverse("file_complaint", args=[found[0].trade.external_id, "order_list"])
    return redirect(f"{url}?message_ids={found[0].external_id}")


def _privacy_context(request, posted=None, error=None):
    prefs = relay.contact_preferences(request.user)
    profile, addresses = relay.own_contact_details(request.user)
    labels = {f"address:{a.label}": a for a in addresses}
    findings = [dict(f, address=labels.get(f["subject"])) for f in relay.privacy_check(request.user)]
    chosen = (posted.getlist("channels") if posted is not None
              else (prefs.allowed_channels or list(Channel.values)))
    zone = posted.get("timezone", "") if posted is not None else prefs.timezone
    return {"nav": "privacy", "findings": findings, "profile": profile, "addresses": addresses,
            "address_kinds": dict(Address.Kind.choices), "channels": Channel.choices, "chosen": chosen,
            "zone": zone, "zones": COMMON_ZONES, "error": error}


@member_page
def privacy(request):
    """RULES 10.2: what in the saved details gives too much away; RULES 10.3: how sellers
    may reach me (e.g. messages only) and in which time zone quiet hours count."""
    if request.method != "POST":
        return page(request, "web/buyer/privacy.html", _privacy_context(request))
    attempt = Attempt()
    with attempt, transaction.atomic():
        relay.set_contact_preferences(request.user, channels=request.POST.getlist("channels"),
                                      zone=request.POST.get("timezone", "").strip())
    if attempt.failed:
        return page(request, "web/buyer/privacy.html", _privacy_context(request, request.POST, attempt.error),
                    status=attempt.status)
    messages.success(request, _("Your contact preferences have been saved."))
    return redirect(reverse("privacy") + "#preferences")
