"""Read-only queries behind the staff queue and dashboard. Each runs a fixed number of
queries however many cases there are (aggregates in the database, a paginated page)."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, Count, DateTimeField, F, Q, Value, When
from django.db.models.functions import TruncDate
from django.utils import timezone

from weiquan.complaints.models import (
    DECIDED_STATES,
    OPEN_STATES,
    Complaint,
    ComplaintBehaviour,
    State,
)
from weiquan.penalties.models import Appeal
from weiquan.rulebook.registry import rulebook_in_force

PAGE_SIZE = 50


def with_due(qs):
    """The deadline that matters now: the answer's while the seller may answer, else the decision's."""
    return qs.annotate(
        due=Case(When(state=State.AWAITING_ANSWER, then=F("answer_due")), default=F("decision_due"),
                 output_field=DateTimeField()),
        is_closed=Case(When(state__in=OPEN_STATES, then=Value(0)), default=Value(1)),
    )


def case_queue(base, *, state="open", tier="", behaviour="", rulebook="", page_number=1):
    """Open cases by deadline; the overdue ones (earliest deadlines) come first."""
    qs = with_due(base).select_related("trade", "store", "complainant", "respondent", "assigned_to")
    if state == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif state == "overdue":
        qs = qs.filter(state__in=OPEN_STATES).filter(
            Q(state=State.AWAITING_ANSWER, answer_due__lt=timezone.now())
            | Q(~Q(state=State.AWAITING_ANSWER), decision_due__lt=timezone.now()))
    elif state in State.values:
        qs = qs.filter(state=state)
    if tier:
        qs = qs.filter(tier=tier)
    if behaviour:
        qs = qs.filter(pk__in=ComplaintBehaviour.objects.filter(code=behaviour).values("complaint_id"))
    if rulebook:
        qs = qs.filter(rulebook=rulebook)
    qs = qs.order_by("is_closed", "due", "id").prefetch_related("behaviours")
    return Paginator(qs, PAGE_SIZE).get_page(page_number)


def appeal_queue(state="pending", page_number=1):
    qs = Appeal.objects.select_related("penalty__complaint__trade", "penalty__store", "seller")
    if state:
        qs = qs.filter(state=state)
    return Paginator(qs.order_by("review_due", "id"), PAGE_SIZE).get_page(page_number)


def dashboard(days=30):
    """Everything the dashboard draws, in a handful of aggregate queries."""
    now = timezone.now()
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    today = now.astimezone(tz).date()
    start_day = today - datetime.timedelta(days=days - 1)
    start = datetime.datetime.combine(start_day, datetime.time.min, tzinfo=tz)

    per_day_rows = (Complaint.objects.filter(filed_at__gte=start)
                    .annotate(day=TruncDate("filed_at", tzinfo=tz)).values("day")
                    .annotate(n=Count("id")).order_by("day"))
    per_day = {row["day"]: row["n"] for row in per_day_rows}
    series = [(start_day + datetime.timedelta(days=i), per_day.get(start_day + datetime.timedelta(days=i), 0))
              for i in range(days)]

    by_behaviour = dict(ComplaintBehaviour.objects.filter(source="claimed").values("code")
                        .annotate(n=Count("id")).values_list("code", "n"))
    by_tier = dict(Complaint.objects.filter(state=State.ESTABLISHED).values("tier")
                   .annotate(n=Count("id")).values_list("tier", "n"))
    by_state = dict(Complaint.objects.values("state").annotate(n=Count("id")).values_list("state", "n"))

    decided = Complaint.objects.filter(state__in=DECIDED_STATES, decided_at__isnull=False)
    buckets = {}
    edges = [1, 2, 3, 4, 6, 8]
    aggregates = {"on_time": Count("id", filter=Q(decided_at__lte=F("decision_due"))),
                  "late": Count("id", filter=Q(decided_at__gt=F("decision_due")))}
    previous = None
    for edge in edges:
        cond = Q(decided_at__lte=F("filed_at") + datetime.timedelta(days=edge))
        if previous is not None:
            cond &= Q(decided_at__gt=F("filed_at") + datetime.timedelta(days=previous))
        aggregates[f"b{edge}"] = Count("id", filter=cond)
        previous = edge
    # Against the deadline: how long before (or after) its decision deadline each case was decided.
    due = F("decision_due")
    day = datetime.timedelta(days=1)
    aggregates.update(
        early2=Count("id", filter=Q(decided_at__lte=due - 2 * day)),
        early1=Count("id", filter=Q(decided_at__gt=due - 2 * day, decided_at__lte=due - day)),
        early0=Count("id", filter=Q(decided_at__gt=due - day, decided_at__lte=due)),
        late0=Count("id", filter=Q(decided_at__gt=due, decided_at__lte=due + day)),
        late1=Count("id", filter=Q(decided_at__gt=due + day, decided_at__lte=due + 2 * day)),
        late2=Count("id", filter=Q(decided_at__gt=due + 2 * day)),
    )
    aggregates["rest"] = Count("id", filter=Q(decided_at__gt=F("filed_at") + datetime.timedelta(days=edges[-1])))
    timing = decided.aggregate(**aggregates)
    lower = 0
    for edge in edges:
        buckets[f"{lower}–{edge}"] = timing[f"b{edge}"]
        lower = edge
    buckets[f">{edges[-1]}"] = timing["rest"]

    missed = Complaint.objects.aggregate(
        answers=Count("id", filter=Q(answer_missed=True)),
        decisions=Count("id", filter=Q(decision_overdue=True)),
        open_overdue=Count("id", filter=Q(state=State.AWAITING_DECISION, decision_due__lt=now)
                           | Q(state=State.AWAITING_ANSWER, answer_due__lt=now)),
    )
    missed["appeals"] = Appeal.objects.filter(review_overdue=True).count()

    repeat = list(Complaint.objects.filter(state=State.ESTABLISHED).values("respondent__username")
                  .annotate(n=Count("id")).filter(n__gte=2).order_by("-n", "respondent__username")[:10])
    deadline = rulebook_in_force(now).deadline("decision")
    deadline_bucket = next((i for i, edge in enumerate(edges) if edge >= deadline.days), len(edges))
    against = [(key, timing[key]) for key in ("early2", "early1", "early0", "late0", "late1", "late2")]
    return {"against_deadline": against, "deadline_days": deadline.days, "deadline_bucket": deadline_bucket, "series": series, "by_behaviour": by_behaviour, "by_tier": by_tier, "by_state": by_state,
            "decision_buckets": buckets, "on_time": timing["on_time"], "late": timing["late"],
            "missed": missed, "repeat": repeat, "total": sum(by_state.values())}
