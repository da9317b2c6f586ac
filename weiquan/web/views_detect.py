"""Staff, detect (issue 6 §3; RULES 9.1, 9.5): the pairs with strong signals nobody
complained about, opening a case on the platform's motion, and the malicious-behaviour
complaint queue with its decision page."""

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from weiquan.errors import DomainError
from weiquan.risk import services as risk
from weiquan.warnings import services as warnings
from weiquan.warnings.models import TYPE_LABELS, CaseState, PlatformAction

from . import case_info, risk_info
from .common import Attempt, or_404, page, staff_page

PAGE_SIZE = 50


def _pairs_context(request):
    pairs = list(risk.strong_pairs(request.user))
    why = risk_info.signals_for_pairs(pairs)
    for p in pairs:
        p["why"] = why.get((p["actor_id"], p["target_id"]))
    return {"nav": "pairs", "pairs": pairs, "errors": {}, "posted": {}, "now": timezone.now()}


@staff_page
def strong_pairs(request):
    return page(request, "web/staff/pairs.html", _pairs_context(request))


@staff_page
def open_case(request):
    """Open a case for the buyer on the platform's own motion; the reason is required."""
    if request.method != "POST":
        return redirect("staff_pairs")
    seller, buyer = request.POST.get("seller", ""), request.POST.get("buyer", "")
    attempt = Attempt()
    with attempt, transaction.atomic():
        complaint = risk.open_case_on_platforms_motion(request.user, seller_username=seller, buyer_username=buyer,
                                                       reason=request.POST.get("reason", ""))
    if attempt.failed:
        context = _pairs_context(request)
        key = f"{seller}/{buyer}"
        listed = {f"{p['actor__username']}/{p['target__username']}" for p in context["pairs"]}
        # Beside the pair's form; a pair not (or no longer) listed gets it above the list.
        context.update(errors={key if key in listed else "other": attempt.error}, posted=request.POST)
        return page(request, "web/staff/pairs.html", context, status=attempt.status)
    messages.success(request, _("A case was opened for the buyer on the platform's motion."))
    return redirect("staff_case", complaint.pk)


def _state_choices():
    return [("awaiting_verification", CaseState.AWAITING_VERIFICATION.label),
            ("established", CaseState.ESTABLISHED.label), ("not_established", CaseState.NOT_ESTABLISHED.label),
            ("", _("all"))]


@staff_page
def malicious_queue(request):
    """RULES 9.5: sellers' complaints about malicious buyers, the earliest deadline first."""
    state = request.GET.get("state", CaseState.AWAITING_VERIFICATION)
    qs = warnings.visible_cases(request.user).select_related("complainant")
    if state:
        qs = qs.filter(state=state)
    page_obj = Paginator(qs.order_by("decision_due", "id"), PAGE_SIZE).get_page(request.GET.get("page", 1))
    return page(request, "web/staff/malicious_queue.html", {
        "nav": "malicious", "page_obj": page_obj, "state": state, "states": _state_choices(), "now": timezone.now(),
    })


def malicious_context(request, case_id):
    case = or_404(warnings.get_case, request.user, case_id)
    parties = (case.buyer, case.trade.seller)
    return {"nav": "malicious", "mc": case,
            "evidence": [case_info.resolved(e, parties) for e in case.evidence.select_related("submitted_by", "blob")],
            "warning_type": TYPE_LABELS.get(case.warning.type, case.warning.type) if case.warning_id else "",
            "actions": PlatformAction.choices,
            "taken": [PlatformAction(a).label if a in PlatformAction.values else a
                      for a in json.loads(case.platform_actions or "[]")],
            "errors": {}, "posted": {}, "posted_actions": [], "now": timezone.now()}


@staff_page
def malicious_case(request, case_id):
    """Decide: established (say what the platform did) or not; always a reason."""
    if request.method != "POST":
        return page(request, "web/staff/malicious_case.html", malicious_context(request, case_id))
    attempt = Attempt()
    with attempt, transaction.atomic():
        verdict = request.POST.get("established", "")
        if verdict not in ("yes", "no"):
            raise DomainError("invalid_input", _("Choose established or not established."))
        warnings.decide_malicious_complaint(request.user, case_id, established=verdict == "yes",
                                            reason=request.POST.get("reason", ""),
                                            platform_actions=request.POST.getlist("platform_actions"))
    if attempt.failed:
        context = malicious_context(request, case_id)
        context.update(errors={"decide": attempt.error}, posted=request.POST,
                       posted_actions=request.POST.getlist("platform_actions"))
        return page(request, "web/staff/malicious_case.html", context, status=attempt.status)
    messages.success(request, _("The decision has been recorded and the seller told."))
    return redirect("staff_malicious_case", case_id)
