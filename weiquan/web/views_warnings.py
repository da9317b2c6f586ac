"""Sellers, protect (营商保, RULES 1.3, 9.1-9.6): protection per store, the two lists,
confirm / mark normal / ignore, batch confirmation, closing a warned order only with the
buyer's agreement, the malicious-behaviour complaint centre, and agencies. The owner and
an agency granted `handle_warnings` see the same pages; a store neither serves is 404."""

import json

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from weiquan.errors import DomainError, NotFound
from weiquan.evidence.models import REFERENCE_KINDS, EvidenceKind
from weiquan.evidence.views import serve_evidence_file
from weiquan.members import services as members
from weiquan.members.models import AgencyRight
from weiquan.warnings import services as warnings
from weiquan.warnings.models import TYPE_LABELS, OrderClosure, PlatformAction

from .common import Attempt, act_on, member_page, or_404, page
from .views_seller import masked_contact

LIST_NAMES = {"pending": _("Pending my judgement"), "handled": _("Handled by the platform"),
              "judged": _("Already judged")}


def type_label(code):
    return TYPE_LABELS.get(code, code)


def actions_of(obj):
    return [PlatformAction(a).label if a in PlatformAction.values else a
            for a in json.loads(obj.platform_actions or "[]")]


def evidence_from(request, prefix=""):
    """One evidence item from the form: a kind, and a file (photo of an empty parcel, chat
    screenshot), its number or a description (RULES 9.2, 9.5)."""
    post = request.POST
    kind = post.get(f"{prefix}kind", "")
    reference, note = post.get(f"{prefix}reference", "").strip(), post.get(f"{prefix}note", "").strip()
    upload = request.FILES.get(f"{prefix}file")
    if upload is not None:
        return [{"kind": kind, "upload": upload, "reference": reference, "note": note}]
    if not kind or not (reference or note):
        return []
    return [{"kind": kind, "reference": reference, "note": note}]


@member_page
def warning_evidence_file(request, warning_id, evidence_id):
    """An evidence file of a warning: the store's side (owner, agency with the right) and staff."""
    w = or_404(warnings.get_warning, request.user, warning_id)
    return serve_evidence_file(w.evidence, evidence_id)


@member_page
def malicious_evidence_file(request, case_id, evidence_id):
    """An evidence file of a malicious-behaviour complaint: the store's side and staff."""
    case = or_404(warnings.get_case, request.user, case_id)
    return serve_evidence_file(case.evidence, evidence_id)


def evidence_kinds():
    return EvidenceKind.choices


@member_page
def stores(request):
    """The stores I own or serve for warnings, with the protection tool's state."""
    rows = [{"store": s, "protected": on, "owner": s.owner_id == request.user.pk}
            for s, on in warnings.stores_for(request.user)]
    return page(request, "web/seller/stores.html", {"nav": "warnings", "rows": rows,
                                                    "closing_advice": warnings.CLOSING_ADVICE})


@member_page
def protection(request, store_id):
    """RULES 9.1: the owner turns the protection tool on or off."""
    if request.method != "POST":
        return redirect("seller_stores")
    enabled = request.POST.get("enabled") == "on"
    attempt = Attempt()
    with attempt, transaction.atomic():
        warnings.set_protection(request.user, store_id, enabled)
    if attempt.failed:
        messages.error(request, attempt.error)
    else:
        messages.success(request, _("Malicious-order protection is on for this store.") if enabled
                         else _("Malicious-order protection is off for this store."))
    return redirect("seller_stores")


def _list_context(request, store_id, which):
    store, qs = or_404(warnings.store_warnings, request.user, store_id, which)
    _store, protected = warnings.protection_of(request.user, store_id)
    rows = [{"w": w, "type": type_label(w.type), "actions": actions_of(w)}
            for w in qs.order_by("-raised_at", "-id")[:200]]
    return {"nav": "warnings", "store": store, "protected": protected, "which": which, "rows": rows,
            "lists": list(LIST_NAMES.items()), "list_name": LIST_NAMES[which],
            "error": None, "flagged": [], "picked": []}


@member_page
def store_warnings(request, store_id):
    which = request.GET.get("list", "pending")
    if which not in LIST_NAMES:
        which = "pending"
    return page(request, "web/seller/warnings.html", _list_context(request, store_id, which))


@member_page
def confirm_batch(request, store_id):
    """RULES 9.3: refused, naming them, when any selected warning needs its own evidence."""
    if request.method != "POST":
        return redirect("seller_warnings", store_id)
    picked = [int(i) for i in request.POST.getlist("warning_ids") if i.isdigit()]
    attempt = Attempt()
    with attempt, transaction.atomic():
        done = warnings.confirm_batch(request.user, store_id, picked, note=request.POST.get("note", ""))
    if attempt.failed:
        context = _list_context(request, store_id, "pending")
        flagged = (attempt.details or {}).get("warning_ids", [])
        named = [f"{r['w'].trade.external_id} ({r['type']})" for r in context["rows"] if r["w"].pk in flagged]
        context.update(error=attempt.error, flagged=flagged, picked=picked, named=named)
        return page(request, "web/seller/warnings.html", context, status=attempt.status)
    messages.success(request, _("%(count)s warnings confirmed.") % {"count": len(done)})
    return redirect(reverse("seller_warnings", args=[store_id]) + "?list=pending")


def _warning_context(request, warning_id):
    w = or_404(warnings.get_warning, request.user, warning_id)
    closures = list(w.closures.order_by("-requested_at"))
    return {"nav": "warnings", "w": w, "type": type_label(w.type), "actions": actions_of(w),
            "masked": masked_contact(request.user, w.trade),
            "detail": json.loads(w.detail or "{}"),
            "evidence": list(w.evidence.select_related("blob")),
            "closures": closures, "closure_open": any(c.state == OrderClosure.State.AWAITING_BUYER for c in closures),
            "order_open": w.trade.status in ("paid", "shipped"),
            "kinds": evidence_kinds(), "reference_kinds": [str(k) for k in REFERENCE_KINDS],
            "closing_advice": warnings.CLOSING_ADVICE, "errors": {}, "posted": {}, "now": timezone.now()}


@member_page
def warning(request, warning_id):
    return page(request, "web/seller/warning.html", _warning_context(request, warning_id))


def _act(request, warning_id, form, action):
    def show_again(attempt):
        context = _warning_context(request, warning_id)
        context.update(errors={form: attempt.error}, posted=request.POST)
        return page(request, "web/seller/warning.html", context, status=attempt.status)

    return act_on(request, url_name="seller_warning", object_id=warning_id, form=form, action=action,
                  show_again=show_again)


@member_page
def confirm(request, warning_id):
    """RULES 9.2: confirm the risk, with evidence where the type needs it."""
    def action():
        warnings.confirm_warning(request.user, warning_id, evidence=evidence_from(request),
                                 note=request.POST.get("note", ""))
        return _("The risk is confirmed.")
    return _act(request, warning_id, "confirm", action)


@member_page
def mark_normal(request, warning_id):
    """RULES 9.2, 9.4: final; the seller ticks that it understands."""
    def action():
        if request.POST.get("final") != "on":
            raise DomainError("invalid_input", _("Tick the box to show you understand that this is final."))
        warnings.mark_normal(request.user, warning_id, note=request.POST.get("note", ""))
        return _("The order is verified as normal. This is final.")
    return _act(request, warning_id, "normal", action)


@member_page
def ignore(request, warning_id):
    def action():
        warnings.ignore_warning(request.user, warning_id)
        return _("The warning is ignored.")
    return _act(request, warning_id, "ignore", action)


@member_page
def close_order(request, warning_id):
    """RULES 9.6: with an IM evidence number of the agreement, or by asking the buyer."""
    def action():
        closure = warnings.close_warned_order(request.user, warning_id,
                                              im_evidence_number=request.POST.get("im_evidence_number", ""))
        if closure.state == OrderClosure.State.AGREED:
            return _("The order is closed, with the agreement on record.")
        return _("The buyer has been asked to agree; the order closes only if the buyer agrees.")
    return _act(request, warning_id, "close", action)


def _complaints_context(request, posted=None, error=None):
    cases = list(warnings.visible_cases(request.user).order_by("-filed_at", "-id")
                 .prefetch_related("evidence__blob")[:200])
    return {"nav": "warnings", "cases": cases, "kinds": evidence_kinds(), "posted": posted or {},
            "error": error, "now": timezone.now()}


@member_page
def malicious_complaints(request):
    """RULES 9.5: my complaints about malicious buyers, and the form to file one."""
    if request.method != "POST":
        initial = {k: request.GET.get(k, "") for k in ("trade_id", "warning_id")}
        return page(request, "web/seller/malicious.html", _complaints_context(request, initial))
    warning_id = request.POST.get("warning_id", "").strip()
    attempt = Attempt()
    with attempt, transaction.atomic():
        if warning_id and not warning_id.isdigit():
            raise DomainError("invalid_input", _("There is no such warning on this order."))
        try:
            case = warnings.file_malicious_complaint(
                request.user, request.POST.get("trade_id", "").strip(), reason=request.POST.get("reason", ""),
                evidence=evidence_from(request), warning_id=int(warning_id) if warning_id else None)
        except NotFound:
            # A typed order number: say so beside the form, the same for unknown and not yours.
            raise DomainError("not_found", _("There is no such order in the stores you serve."), status=404) from None
    if attempt.failed:
        return page(request, "web/seller/malicious.html",
                    _complaints_context(request, request.POST, attempt.error), status=attempt.status)
    messages.success(request, _("Your complaint #%(id)s has been filed; staff decide by %(due)s.")
                     % {"id": case.pk, "due": timezone.localtime(case.decision_due).strftime("%Y-%m-%d %H:%M")})
    return redirect("seller_malicious")


def _agencies_context(request, store_id, posted=None, error=None):
    store, grants = or_404(members.agencies_of, request.user, store_id)
    labels = dict(AgencyRight.choices)
    return {"nav": "warnings", "store": store, "error": error, "posted": posted or {},
            "posted_rights": posted.getlist("rights") if posted is not None else [],
            "grants": [{"username": u, "rights": r, "labels": [labels.get(x, x) for x in r]} for u, r in grants.items()],
            "rights": AgencyRight.choices}


@member_page
def agencies(request, store_id):
    """RULES 1.3: the owner grants exactly a set of rights per store, or revokes them all."""
    if request.method != "POST":
        return page(request, "web/seller/agencies.html", _agencies_context(request, store_id))
    revoke = request.POST.get("revoke") == "1"
    username = request.POST.get("username", "").strip()
    or_404(members.owned_store, request.user, store_id)
    attempt = Attempt()
    with attempt, transaction.atomic():
        if not username:
            raise DomainError("invalid_input", _("Give the agency's account name."))
        try:
            members.set_agency_rights(request.user, store_id, username,
                                      [] if revoke else request.POST.getlist("rights"))
        except NotFound as exc:  # the typed account does not exist: beside the form
            raise DomainError("not_found", exc.message, status=404) from None
    if attempt.failed:
        return page(request, "web/seller/agencies.html",
                    _agencies_context(request, store_id, request.POST, attempt.error), status=attempt.status)
    messages.success(request, _("The rights of %(name)s have been revoked.") % {"name": username} if revoke
                     else _("The rights of %(name)s have been saved.") % {"name": username})
    return redirect("seller_agencies", store_id)


@member_page
def closures(request):
    """The buyer's side of RULES 9.6: sellers asking to close an order; agree or refuse."""
    if request.method == "POST":
        closure_id = request.POST.get("closure_id", "")
        attempt = Attempt()
        with attempt, transaction.atomic():
            if not closure_id.isdigit():
                raise DomainError("invalid_input", _("Choose a request."))
            warnings.answer_closure(request.user, int(closure_id), agree=request.POST.get("agree") == "yes")
        if attempt.failed:
            messages.error(request, attempt.error)
        else:
            messages.success(request, _("Your answer has been recorded."))
        return redirect("buyer_closures")
    rows = list(warnings.pending_closures_for_buyer(request.user).select_related("trade__store"))
    return page(request, "web/buyer/closures.html", {"nav": "orders", "rows": rows})

