"""Staff: the queue by deadline, the case view with both sides' evidence side by side,
assignment, decisions (RULES 5), withdrawal reviews (RULES 4.3), appeals (RULES 8.2) and
the dashboard."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weiquan.audit.services import trail_for
from weiquan.complaints import services as complaints
from weiquan.complaints.models import Behaviour, State, Tier
from weiquan.errors import DomainError
from weiquan.labels import describe
from weiquan.members.models import Member
from weiquan.penalties import services as penalties
from weiquan.risk.services import signals_for_case
from weiquan.rulebook.registry import all_rulebooks, get_rulebook

from . import case_info, charts, contact_log, queue, risk_info
from .common import Attempt, act_on, or_404, page, staff_page


def _state_filters():
    return [("open", _("open")), ("overdue", _("overdue")), ("", _("all"))] + list(State.choices)


@staff_page
def case_queue(request):
    f = {k: request.GET.get(k, "") for k in ("tier", "behaviour", "rulebook")}
    f["state"] = request.GET.get("state", "open")
    page_obj = queue.case_queue(complaints.visible_complaints(request.user), page_number=request.GET.get("page", 1), **f)
    query = "&".join(f"{k}={v}" for k, v in f.items() if v)
    return page(request, "web/staff/queue.html", {
        "nav": "queue", "page_obj": page_obj, "filters": f, "query": query, "now": timezone.now(),
        "state_choices": _state_filters(), "tiers": Tier.choices, "behaviours": Behaviour.choices,
        "rulebooks": sorted(all_rulebooks()),
    })


def staff_case_context(request, case_id):
    found = or_404(complaints.get_complaint, request.user, case_id)
    penalty = case_info.penalty_of(found)
    appeal = case_info.appeal_of(penalty)
    behaviours = list(found.behaviours.all())
    rulebook = get_rulebook(found.rulebook)
    trail = [describe(e) for e in trail_for(found)]
    return {
        "nav": "queue", "case": found, "penalty": penalty, "appeal": appeal,
        "claimed": [b for b in behaviours if b.source == "claimed"],
        "found": [b for b in behaviours if b.source == "found"],
        "claimed_codes": [b.code for b in behaviours if b.source == "claimed"],
        "timeline": case_info.timeline(found, penalty, appeal), "trail": trail,
        "next": case_info.next_step(found, penalty, appeal),
        "evidence": case_info.evidence_items(found),
        "withdrawal_proof": case_info.withdrawal_proof(found),
        "tiers": [(t.tier, Tier(t.tier).label if t.tier in Tier.values else t.tier, t) for t in rulebook.tiers.values()],
        "rulebook": rulebook, "behaviours": Behaviour.choices,
        "handlers": Member.objects.filter(role=Member.Role.STAFF, is_active=True).order_by("username"),
        "signals": risk_info.signal_rows(signals_for_case(request.user, found)),
        "contact_numbers": contact_log.numbers(request.user, found),
        "errors": {}, "posted": {}, "now": timezone.now(),
    }


@staff_page
def case(request, case_id):
    return page(request, "web/staff/case.html", staff_case_context(request, case_id))


def _act(request, case_id, form, action):
    def show_again(attempt):
        context = staff_case_context(request, case_id)
        context.update(errors={form: attempt.error}, posted=request.POST,
                       posted_behaviours=request.POST.getlist("behaviours_found"))
        return page(request, "web/staff/case.html", context, status=attempt.status)

    return act_on(request, url_name="staff_case", object_id=case_id, form=form, action=action,
                  show_again=show_again)


@staff_page
def assign(request, case_id):
    def action():
        handler = Member.objects.filter(username=request.POST.get("handler", "")).first()
        if handler is None:
            raise DomainError("invalid_input", _("Choose a handler."))
        complaints.assign_complaint(request.user, case_id, handler)
        return _("Assigned to %(name)s.") % {"name": handler.display_name()}
    return _act(request, case_id, "assign", action)


@staff_page
def decide(request, case_id):
    """RULES 5: established with a tier and the behaviours found, or not; always a reason."""
    def action():
        verdict = request.POST.get("established", "")
        if verdict not in ("yes", "no"):
            raise DomainError("invalid_input", _("Choose established or not established."))
        complaints.decide_complaint(
            request.user, case_id, established=verdict == "yes",
            tier=request.POST.get("tier", "") if verdict == "yes" else "",
            reason=request.POST.get("reason", ""),
            behaviours_found=request.POST.getlist("behaviours_found") if verdict == "yes" else [],
            permanent_freeze=request.POST.get("permanent_freeze") == "on",
        )
        return _("The decision has been recorded and both sides told.")
    return _act(request, case_id, "decide", action)


@staff_page
def withdrawal_review(request, case_id):
    def action():
        accepted = request.POST.get("accepted") == "yes"
        complaints.review_withdrawal(request.user, case_id, accepted=accepted, reason=request.POST.get("reason", ""))
        return _("The withdrawal was accepted.") if accepted else _("The withdrawal was rejected; the case goes on.")
    return _act(request, case_id, "withdrawal", action)


@staff_page
def appeal_queue(request):
    state = request.GET.get("state", "pending")
    return page(request, "web/staff/appeals.html", {
        "nav": "appeals", "page_obj": queue.appeal_queue(state, request.GET.get("page", 1)), "state": state,
        "states": [("pending", _("under review")), ("upheld", _("upheld")), ("rejected", _("rejected")), ("", _("all"))],
        "now": timezone.now(),
    })


def appeal_context(request, appeal_id):
    appeal = or_404(penalties.get_appeal, request.user, appeal_id)
    penalty = appeal.penalty
    found = penalty.complaint
    return {"nav": "appeals", "appeal": appeal, "penalty": penalty, "case": found,
            "appeal_evidence": [case_info.resolved(e, (found.complainant, found.respondent))
                                for e in appeal.evidence.select_related("blob", "submitted_by")],
            "evidence": case_info.evidence_items(found),
            "timeline": case_info.timeline(found, penalty, appeal),
            "found": [b for b in found.behaviours.all() if b.source == "found"],
            "errors": {}, "posted": {}, "now": timezone.now()}


@staff_page
def appeal(request, appeal_id):
    """RULES 8.2: uphold (the penalty is reversed) or reject, with a reason."""
    if request.method != "POST":
        return page(request, "web/staff/appeal.html", appeal_context(request, appeal_id))
    attempt = Attempt()
    with attempt, transaction.atomic():
        verdict = request.POST.get("upheld", "")
        if verdict not in ("yes", "no"):
            raise DomainError("invalid_input", _("Choose uphold or reject."))
        penalties.decide_appeal(request.user, appeal_id, upheld=verdict == "yes", reason=request.POST.get("reason", ""))
    if attempt.failed:
        context = appeal_context(request, appeal_id)
        context.update(errors={"decide": attempt.error}, posted=request.POST)
        return page(request, "web/staff/appeal.html", context, status=attempt.status)
    messages.success(request, _("The appeal decision has been recorded and the seller told."))
    return redirect("staff_appeal", appeal_id)


AGAINST_LABELS = {
    "early2": gettext_lazy(">2 d early"), "early1": gettext_lazy("1–2 d early"), "early0": gettext_lazy("0–1 d early"),
    "late0": gettext_lazy("0–1 d late"), "late1": gettext_lazy("1–2 d late"), "late2": gettext_lazy(">2 d late"),
}


@staff_page
def dashboard(request):
    data = queue.dashboard()
    behaviour_labels = dict(Behaviour.choices)
    tier_labels = dict(Tier.choices)
    state_labels = dict(State.choices)
    svg = {
        "per_day": charts.bar_chart([(d.strftime("%m-%d"), n) for d, n in data["series"]],
                                    title=_("Complaints filed per day")),
        "behaviour": charts.hbar_chart([(str(behaviour_labels[c]), data["by_behaviour"].get(c, 0)) for c in Behaviour.values],
                                       title=_("Complaints by behaviour")),
        "tier": charts.hbar_chart([(str(tier_labels[t]), data["by_tier"].get(t, 0)) for t in Tier.values],
                                  title=_("Established complaints by tier")),
        "state": charts.hbar_chart([(str(state_labels[s]), data["by_state"].get(s, 0)) for s in State.values],
                                   title=_("Complaints by state"), color=charts.ALT),
        "timing": charts.bar_chart([(label, n) for label, n in data["decision_buckets"].items()],
                                   title=_("Days from filing to decision"), marker=data["deadline_bucket"],
                                   marker_label=_("deadline: %(days)s working days") % {"days": data["deadline_days"]}),
        "against": charts.bar_chart(
            [(str(AGAINST_LABELS[key]), n) for key, n in data["against_deadline"]],
            title=_("Decided before or after the deadline"), marker=2, marker_label=_("deadline")),
        "repeat": charts.hbar_chart([(r["respondent__username"], r["n"]) for r in data["repeat"]],
                                    title=_("Sellers with repeated established complaints")),
    }
    return page(request, "web/staff/dashboard.html", {"nav": "dashboard", "data": data, "svg": svg})
