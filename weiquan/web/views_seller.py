"""Sellers: complaints against my stores (answer A or B, RULES 4.2; proof of an agreement
to withdraw, RULES 4.3) and the health centre (体检中心): penalty records → 查看原因 →
我要申诉 (RULES 8.1, 8.2)."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from weiquan.complaints import services as complaints
from weiquan.evidence.models import EvidenceKind
from weiquan.evidence.views import serve_evidence_file
from weiquan.penalties import services as penalties
from weiquan.relay import services as relay

from . import case_info
from .common import Attempt, error_page, member_page, or_404, page
from .views_buyer import UPLOAD_KINDS, _act


@member_page
def my_complaints(request):
    # Complaints about my stores, and those of stores an agency serves for (RULES 1.3).
    cases = (complaints.visible_complaints(request.user).exclude(complainant=request.user)
             .order_by("-filed_at", "-id")[:200])
    return page(request, "web/seller/complaints.html", {"nav": "seller_complaints", "cases": cases,
                                                        "now": timezone.now()})


@member_page
def answer(request, case_id):
    """RULES 4.2: answer A or B with an explanation, and evidence, by the deadline (4.1)."""
    def action():
        complaints.answer_complaint(request.user, case_id, choice=request.POST.get("choice", ""),
                                    explanation=request.POST.get("explanation", ""))
        upload = request.FILES.get("file")
        if upload is not None:
            complaints.add_evidence(request.user, case_id, kind=request.POST.get("kind") or EvidenceKind.OTHER,
                                    upload=upload, note=request.POST.get("note", ""))
        number = request.POST.get("im_number", "").strip()
        if number:
            complaints.add_evidence(request.user, case_id, kind=EvidenceKind.IM_EVIDENCE_NUMBER, reference=number)
        return _("Your answer has been sent. The platform will decide.")
    return _act(request, case_id, "answer", action)


@member_page
def withdrawal_proof(request, case_id):
    """RULES 4.3: the IM evidence number showing the buyer agreed to withdraw."""
    def action():
        complaints.request_withdrawal(request.user, case_id, reference=request.POST.get("reference", ""))
        return _("Staff will review the buyer's agreement to withdraw.")
    return _act(request, case_id, "withdrawal", action)


@member_page
def health(request):
    """卖家中心 → 体检中心: points for the period, sanctions in force, penalty records."""
    summary = or_404(penalties.seller_summary, request.user, request.user.username)
    return page(request, "web/seller/health.html", {"nav": "health", "summary": summary, "now": timezone.now()})


def _penalty_context(request, penalty_id):
    penalty = or_404(penalties.get_penalty, request.user, penalty_id)
    if penalty.seller_id != request.user.pk:
        raise Http404
    complaint = penalty.complaint
    appeal = case_info.appeal_of(penalty)
    now = timezone.now()
    return {
        "nav": "health", "penalty": penalty, "case": complaint, "appeal": appeal,
        "found": [b for b in complaint.behaviours.all() if b.source == "found"],
        "can_appeal": appeal is None and penalty.state == "active" and now <= penalty.appeal_due,
        "window_closed": appeal is None and now > penalty.appeal_due,
        "appeal_evidence": [case_info.resolved(e, (complaint.complainant, complaint.respondent))
                            for e in appeal.evidence.select_related("blob")] if appeal else [],
        "upload_kinds": UPLOAD_KINDS, "posted": {}, "now": now,
    }


@member_page
def penalty_detail(request, penalty_id):
    """查看原因, and 我要申诉 while the window is open and only once (RULES 8.1, 8.2)."""
    context = _penalty_context(request, penalty_id)
    if request.method != "POST":
        return page(request, "web/seller/penalty.html", context)
    attempt = Attempt()
    with attempt, transaction.atomic():
        appeal = penalties.file_appeal(request.user, penalty_id, reason=request.POST.get("reason", ""))
        upload = request.FILES.get("file")
        if upload is not None:
            penalties.add_appeal_evidence(request.user, appeal.pk, kind=request.POST.get("kind") or EvidenceKind.OTHER,
                                          upload=upload, note=request.POST.get("note", ""))
        number = request.POST.get("im_number", "").strip()
        if number:
            penalties.add_appeal_evidence(request.user, appeal.pk, kind=EvidenceKind.IM_EVIDENCE_NUMBER,
                                          reference=number)
    if attempt.failed:
        context = _penalty_context(request, penalty_id)
        context.update(error=attempt.error, posted=request.POST, files_lost=bool(request.FILES))
        return page(request, "web/seller/penalty.html", context, status=attempt.status)
    messages.success(request, _("Your appeal has been filed. Staff review it within the set time."))
    return redirect(reverse("seller_penalty", args=[penalty_id]))


@member_page
def appeal_evidence_file(request, appeal_id, evidence_id):
    appeal = or_404(penalties.get_appeal, request.user, appeal_id)
    return serve_evidence_file(appeal.evidence, evidence_id, "appeal-evidence")



def masked_contact(user, trade):
    """What the trade's seller may see of its buyer (RULES 10.2): nickname, a virtual number,
    the address to the building. Only the trade's own seller (an agency sees none of it)."""
    if trade.seller_id != user.pk:
        return None
    attempt = Attempt()
    contact = None
    with attempt:
        contact = relay.buyer_contact_for_seller(user, trade.external_id)
    return {"contact": contact, "error": attempt.error, "trade_id": trade.external_id,
            "etiquette": case_info.SELLER_ETIQUETTE}


@member_page
def waybill(request, trade_id):
    """The privacy waybill (RULES 10.2): the same PDF the API gives, for the trade's seller."""
    from weiquan.relay.waybill import waybill_pdf

    attempt = Attempt()
    with attempt:
        pdf = waybill_pdf(relay.buyer_contact_for_seller(request.user, trade_id))
    if attempt.failed:
        return error_page(request, _("No privacy waybill now"), attempt.error, status=attempt.status)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="waybill-{trade_id}.pdf"'
    return response
