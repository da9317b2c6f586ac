"""Buyers: the two entry paths to a harassment complaint (RULES 3.2), the filing form
(RULES 2.2, 3.3), and the case page both parties share."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weiquan.complaints import services as complaints
from weiquan.complaints.models import (
    OPEN_STATES,
    AnswerChoice,
    Behaviour,
    Complaint,
    Entry,
    Relation,
)
from weiquan.evidence.models import REFERENCE_KINDS, EvidenceKind
from weiquan.evidence.views import serve_evidence_file
from weiquan.relay import services as relay
from weiquan.rulebook.registry import rulebook_in_force
from weiquan.trades.models import Trade

from . import case_info, contact_log
from .common import Attempt, act_on, member_page, or_404, page
from .views_privacy import received_messages

# RULES 2.2 a-f, in the words people use.
BEHAVIOUR_HELP = {
    Behaviour.FREQUENT_CONTACT: gettext_lazy("Many calls in a short time, calls at night, many SMS or IM messages — usually after a neutral or negative review."),
    Behaviour.ABUSE: gettext_lazy("Continuous cursing, extremely vile insults."),
    Behaviour.THREAT: gettext_lazy("E.g. “I'll come to your door”, “I'll expose your information”, death threats."),
    Behaviour.REVIEW_OUTSOURCING: gettext_lazy("A “review handling” company bombs you with network calls."),
    Behaviour.HARASSING_ITEMS: gettext_lazy("Funeral goods (paper money, burial clothes), horror or sex toys, threatening letters, garbage, faeces."),
    Behaviour.HOME_VISIT: gettext_lazy("Someone came to your home without your consent."),
}
UPLOAD_KINDS = [(value, label) for value, label in EvidenceKind.choices if value not in REFERENCE_KINDS]
UPLOAD_ROWS = 3


def my_trade(request, trade_id):
    """A trade of this buyer; anyone else's is 404."""
    return get_object_or_404(Trade.objects.select_related("store", "seller"), external_id=trade_id,
                             buyer=request.user)


@member_page
def orders(request):
    """我的淘宝 → 已买到的宝贝."""
    trades = Trade.objects.filter(buyer=request.user).select_related("store").order_by("-succeeded_at", "-id")[:200]
    return page(request, "web/buyer/orders.html", {"nav": "orders", "trades": trades})


@member_page
def order(request, trade_id):
    """The order, with 投诉卖家."""
    trade = my_trade(request, trade_id)
    return page(request, "web/buyer/order.html", {"nav": "orders", "trade": trade,
                                                  "cases": Complaint.objects.filter(trade=trade, complainant=request.user)})


@member_page
def order_complain(request, trade_id):
    """投诉卖家 → the kinds of complaint; 恶意骚扰维权 is ours."""
    trade = my_trade(request, trade_id)
    return page(request, "web/buyer/complain_menu.html", {
        "nav": "orders", "trade": trade, "entry": Entry.ORDER_LIST, "ineligible": _eligibility(request, trade),
        "harassment_url": reverse("file_complaint", args=[trade.external_id, Entry.ORDER_LIST]),
    })


@member_page
def rights_centre(request):
    """消费者维权中心."""
    cases = complaints.visible_complaints(request.user).filter(complainant=request.user)[:5]
    return page(request, "web/buyer/centre.html", {"nav": "centre", "cases": cases})


@member_page
def rights_start(request):
    """我要发起维权 → pick the order."""
    trades = Trade.objects.filter(buyer=request.user).select_related("store").order_by("-succeeded_at", "-id")[:200]
    return page(request, "web/buyer/pick_order.html", {"nav": "centre", "trades": trades})


@member_page
def rights_order(request, trade_id):
    """投诉维权 → 恶意骚扰."""
    trade = my_trade(request, trade_id)
    return page(request, "web/buyer/complain_menu.html", {
        "nav": "centre", "trade": trade, "entry": Entry.RIGHTS_CENTRE, "ineligible": _eligibility(request, trade),
        "harassment_url": reverse("file_complaint", args=[trade.external_id, Entry.RIGHTS_CENTRE]),
    })


def _eligibility(request, trade):
    """The same stable code and message the API gives (RULES 3.1), before the form is shown."""
    now = timezone.now()
    code = complaints.check_eligibility(request.user, trade, rulebook_in_force(now), now)
    if code is None:
        return None
    existing = None
    if code == "duplicate_complaint":
        existing = Complaint.objects.filter(trade=trade, complainant=request.user, state__in=OPEN_STATES).first()
    return {"code": code, "message": complaints.ELIGIBILITY_MESSAGES[code], "existing": existing}


@member_page
def file_complaint(request, trade_id, entry):
    if entry not in Entry.values:
        raise Http404
    trade = my_trade(request, trade_id)
    context = {"nav": "orders" if entry == Entry.ORDER_LIST else "centre", "trade": trade, "entry": entry,
               "entry_label": Entry(entry).label,
               "behaviours": [(value, label, BEHAVIOUR_HELP[value]) for value, label in Behaviour.choices],
               "relations": Relation.choices, "upload_kinds": UPLOAD_KINDS,
               "upload_rows": [{"i": i, "kind": request.POST.get(f"kind_{i}", ""), "note": request.POST.get(f"note_{i}", "")}
                               for i in range(1, UPLOAD_ROWS + 1)],
               "posted": request.POST, "chosen": request.POST.getlist("behaviours")}
    # A harmful message the buyer was told about, attached as an IM evidence number (issue 6 §3).
    source = request.POST if request.method == "POST" else request.GET
    attached = received_messages(request.user, source.getlist("message_ids"))
    context["attached"] = attached
    if request.method != "POST":
        context["ineligible"] = _eligibility(request, trade)
        return page(request, "web/buyer/file.html", context)

    attempt = Attempt()
    with attempt, transaction.atomic():
        # Filing and every upload succeed together, or nothing is kept (a bad picture does
        # not leave a half-filed case behind).
        case = complaints.file_complaint(
            request.user, trade.external_id, entry=entry, reason=request.POST.get("reason", ""),
            behaviours=request.POST.getlist("behaviours"), relation=request.POST.get("relation", Relation.SELF),
            harassed_person=request.POST.get("harassed_person", ""),
            message_ids=[m.external_id for m in attached],
        )
        for i in range(1, UPLOAD_ROWS + 1):
            upload = request.FILES.get(f"file_{i}")
            if upload is not None:
                complaints.add_evidence(request.user, case.pk, kind=request.POST.get(f"kind_{i}") or EvidenceKind.OTHER,
                                        upload=upload, note=request.POST.get(f"note_{i}", ""))
        number = request.POST.get("im_number", "").strip()
        if number:
            complaints.add_evidence(request.user, case.pk, kind=EvidenceKind.IM_EVIDENCE_NUMBER, reference=number)
    if attempt.failed:
        context["error"] = attempt.error
        context["files_lost"] = bool(request.FILES)
        if attempt.code == "duplicate_complaint":
            context["ineligible"] = _eligibility(request, trade)
        return page(request, "web/buyer/file.html", context, status=attempt.status)
    messages.success(request, _("Your complaint has been filed. The seller has been told to answer."))
    return redirect("case", case.pk)


@member_page
def my_cases(request):
    cases = complaints.visible_complaints(request.user).filter(complainant=request.user)[:200]
    return page(request, "web/buyer/cases.html", {"nav": "cases", "cases": cases})


def case_context(request, case):
    penalty = case_info.penalty_of(case)
    appeal = case_info.appeal_of(penalty)
    user = request.user
    role = "buyer" if user.pk == case.complainant_id else "seller"
    behaviours = list(case.behaviours.all())
    return {
        "nav": "cases" if role == "buyer" else "seller_complaints",
        "case": case, "role": role, "penalty": penalty, "appeal": appeal,
        "claimed": [b for b in behaviours if b.source == "claimed"],
        "found": [b for b in behaviours if b.source == "found"],
        "timeline": case_info.timeline(case, penalty, appeal),
        "next": case_info.next_step(case, penalty, appeal),
        "evidence": case_info.evidence_items(case),
        "withdrawal_proof": case_info.withdrawal_proof(case),
        "guidance": case_info.buyer_guidance(case, penalty) if role == "buyer" else None,
        "etiquette": case_info.SELLER_ETIQUETTE if role == "seller" else None,
        "answer_choices": AnswerChoice.choices, "upload_kinds": UPLOAD_KINDS,
        "now": timezone.now(), "errors": {}, "posted": {},
    }


@member_page
def case(request, case_id, errors=None, status=200):
    found = or_404(complaints.get_complaint, request.user, case_id)
    if request.user.is_handler:
        return redirect("staff_case", case_id)
    context = case_context(request, found)
    if context["role"] == "seller":
        from .views_seller import masked_contact
        context["masked"] = masked_contact(request.user, found.trade)
    context["contact_numbers"] = contact_log.numbers(request.user, found)
    if context["role"] == "buyer" and found.is_open:
        context["contact_log"] = contact_log.between(found)
        context["picked_attempts"] = request.POST.getlist("attempt_ids") if errors else []
        context["picked_messages"] = request.POST.getlist("message_ids") if errors else []
    if errors:
        context["errors"] = errors
        context["posted"] = request.POST
    return page(request, "web/case.html", context, status=status)


def _act(request, case_id, form, action):
    """Run a case action; on a DomainError show the case again with the message next to
    `form` and what was typed kept."""
    return act_on(request, url_name="case", object_id=case_id, form=form, action=action,
                  show_again=lambda a: case(request, case_id, errors={form: a.error}, status=a.status))


@member_page
def contact_evidence(request, case_id):
    """RULES 3.3: the buyer picks calls and messages from the contact log between the two
    parties; the platform issues a contact-log evidence number over exactly those."""
    def action():
        evidence = relay.issue_contact_evidence(request.user, case_id,
                                                attempt_ids=request.POST.getlist("attempt_ids"),
                                                message_ids=request.POST.getlist("message_ids"))
        return _("Contact-log evidence number %(number)s has been issued and added to the case.") % {
            "number": evidence.number}
    return _act(request, case_id, "contact_log", action)


@member_page
def withdraw(request, case_id):
    """RULES 4.3: the complainant withdraws before a decision."""
    def action():
        complaints.withdraw_complaint(request.user, case_id)
        return _("The complaint has been withdrawn.")
    return _act(request, case_id, "withdraw", action)


@member_page
def add_evidence(request, case_id):
    def action():
        added = 0
        upload = request.FILES.get("file")
        number = request.POST.get("im_number", "").strip()
        if upload is not None:
            complaints.add_evidence(request.user, case_id, kind=request.POST.get("kind") or EvidenceKind.OTHER,
                                    upload=upload, note=request.POST.get("note", ""))
            added += 1
        if number:
            complaints.add_evidence(request.user, case_id, kind=EvidenceKind.IM_EVIDENCE_NUMBER,
                                    reference=number, note=request.POST.get("note", ""))
            added += 1
        if not added:
            complaints.add_evidence(request.user, case_id, kind=request.POST.get("kind") or EvidenceKind.OTHER)
        return _("Your evidence has been added.")
    return _act(request, case_id, "evidence", action)


@member_page
def evidence_file(request, case_id, evidence_id):
    """Evidence pictures are served only to those who may see the case."""
    return serve_evidence_file(or_404(complaints.get_complaint, request.user, case_id).evidence, evidence_id)


@member_page
def case_next(request, case_id):
    """The "who acts next" card, polled by htmx so an open page follows the case."""
    found = or_404(complaints.get_complaint, request.user, case_id)
    penalty = case_info.penalty_of(found)
    appeal = case_info.appeal_of(penalty)
    return page(request, "web/parts/next.html", {
        "case": found, "next": case_info.next_step(found, penalty, appeal), "now": timezone.now(),
        "changed": request.GET.get("state", found.state) != found.state, "is_seller": False,
        "page_state": request.GET.get("state", ""),
    })
