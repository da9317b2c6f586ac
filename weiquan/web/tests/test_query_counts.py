"""The staff queue and dashboard cost a fixed number of queries however many cases there
are (issue 4): measured at 30 and at 300 cases, the counts must be equal."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from weiquan.complaints.models import Complaint, ComplaintBehaviour, State
from weiquan.members.models import Member, Store
from weiquan.trades.models import Trade

from .helpers import page_client

STATES = [State.AWAITING_ANSWER, State.AWAITING_DECISION, State.ESTABLISHED, State.NOT_ESTABLISHED,
          State.WITHDRAWAL_REVIEW, State.WITHDRAWN]


def add_cases(count, start=0):
    """Bulk rows (the services would take minutes for thousands); the pages only read them."""
    now = timezone.now()
    sellers = [Member.objects.get_or_create(username=f"qs_seller_{i}")[0] for i in range(5)]
    stores = [Store.objects.get_or_create(name=f"qs_store_{i}", defaults={"owner": s})[0] for i, s in enumerate(sellers)]
    buyer = Member.objects.get_or_create(username="qs_buyer")[0]
    trades = Trade.objects.bulk_create(
        Trade(external_id=f"QS{start + i}", buyer=buyer, seller=sellers[i % 5], store=stores[i % 5],
              channel="taobao", status="success", succeeded_at=now) for i in range(count))
    complaints = Complaint.objects.bulk_create(
        Complaint(trade=t, complainant=buyer, respondent=sellers[i % 5], store=stores[i % 5], entry="order_list",
                  reason="x", state=STATES[i % len(STATES)], rulebook="taobao-003-hiding",
                  filed_at=now - datetime.timedelta(hours=i), answer_due=now + datetime.timedelta(hours=i - 10),
                  decision_due=now + datetime.timedelta(days=1, hours=-i),
                  decided_at=now if STATES[i % len(STATES)] in (State.ESTABLISHED, State.NOT_ESTABLISHED) else None,
                  tier="serious" if STATES[i % len(STATES)] == State.ESTABLISHED else "")
        for i, t in enumerate(trades))
    ComplaintBehaviour.objects.bulk_create(
        ComplaintBehaviour(complaint=c, code=code, source="claimed")
        for c in complaints for code in ("abuse", "threat"))


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/staff/", "/staff/?state=", "/staff/?state=open&behaviour=abuse&tier=&rulebook=taobao-003-hiding",
                                 "/staff/?state=established&tier=serious", "/staff/dashboard/", "/staff/appeals/?state="])
def test_staff_pages_cost_the_same_queries_at_30_and_300_cases(staff, url):
    client = page_client(staff)
    add_cases(30)
    small = count_queries(client, url)
    add_cases(270, start=30)
    assert Complaint.objects.count() == 300
    large = count_queries(client, url)
    assert small == large, f"{url}: {small} queries at 30 cases, {large} at 300"
    assert large <= 20


def add_detect_rows(count, start=0):
    """Strong pairs and malicious-behaviour complaints, in bulk (issue 6 §3, RULES 9.5)."""
    from weiquan.risk.models import RiskSignal
    from weiquan.warnings.models import MaliciousComplaint

    now = timezone.now()
    sellers = [Member.objects.get_or_create(username=f"qs_seller_{i}")[0] for i in range(5)]
    stores = [Store.objects.get_or_create(name=f"qs_store_{i}", defaults={"owner": s})[0] for i, s in enumerate(sellers)]
    buyers = Member.objects.bulk_create(Member(username=f"qd_buyer_{start + i}") for i in range(count))
    trades = Trade.objects.bulk_create(
        Trade(external_id=f"QD{start + i}", buyer=b, seller=sellers[i % 5], store=stores[i % 5],
              channel="taobao", status="paid") for i, b in enumerate(buyers))
    RiskSignal.objects.bulk_create(
        RiskSignal(actor=sellers[i % 5], target=b, source="contacts", kind=kind, score=0.99, detail="{}",
                   first_at=now, last_at=now - datetime.timedelta(minutes=i))
        for i, b in enumerate(buyers) for kind in ("burst", "night"))
    MaliciousComplaint.objects.bulk_create(
        MaliciousComplaint(store=t.store, trade=t, buyer=t.buyer, complainant=t.seller, complainant_label="x",
                           reason="x", rulebook="taobao-003-hiding", filed_at=now,
                           decision_due=now + datetime.timedelta(hours=i))
        for i, t in enumerate(trades))


@pytest.mark.parametrize("url", ["/staff/risk/pairs/", "/staff/malicious/", "/staff/malicious/?state="])
def test_detect_queues_cost_the_same_queries_at_30_and_300_rows(staff, url):
    from weiquan.warnings.models import MaliciousComplaint

    client = page_client(staff)
    add_detect_rows(30)
    small = count_queries(client, url)
    add_detect_rows(270, start=30)
    assert MaliciousComplaint.objects.count() == 300
    large = count_queries(client, url)
    assert small == large, f"{url}: {small} queries at 30 rows, {large} at 300"
    assert large <= 12
