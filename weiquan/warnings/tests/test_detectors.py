"""weiquan's own detectors over the trades it holds (RULES 9.1), run by the worker.
Thresholds are those of the rulebook in force (taobao-003-hiding, `[warnings.detectors]`)."""

import datetime

import pytest
from django.utils import timezone

from weiquan.audit.models import AuditEntry
from weiquan.notifications.models import Notification
from weiquan.warnings.detectors import run_detectors
from weiquan.warnings.models import OrderWarning
from weiquan.worker.jobs import run_pass

pytestmark = pytest.mark.django_db


@pytest.fixture
def push(platform):
    def push_(trade_id, buyer, store="王记小店", seller="seller_wang", **fields):
        body = {"buyer": buyer, "seller": seller, "store": store, "channel": "taobao",
                "status": "paid"}
        body.update(fields)
        response = platform.put(f"/trades/{trade_id}", body)
        assert response.status_code == 200, response.content

    return push_


def flagged(type_):
    return sorted(OrderWarning.objects.filter(type=type_).values_list("trade__external_id", flat=True))


def test_refund_abuse_flags_a_buyer_whose_orders_mostly_end_in_claims(push, protected, seller):
    # 3 orders, 2 with refund claims (67% >= 60%): flagged, at the protected store only.
    push("A1", "abuser", refund_claimed=True)
    push("A2", "abuser", refund_claimed=True, store="别家店", seller="other_seller")
    push("A3", "abuser")
    # 3 orders, 1 claim (33%): not flagged.
    for n, claimed in ((1, True), (2, False), (3, False)):
        push(f"B{n}", "honest", refund_claimed=claimed)
    counts = run_detectors()
    assert counts["refund_abuse"] == 2
    assert flagged("refund_abuse") == ["A1", "A3"]
    warning = OrderWarning.objects.get(trade__external_id="A1")
    assert warning.state == "pending" and warning.evidence_required is False
    assert warning.source == "detector" and warning.rulebook == "taobao-003-hiding"
    listed = seller.get(f"/stores/{protected}/warnings?list=pending").json()["warnings"]
    assert {w["detail"]["claims"] for w in listed if w["type"] == "refund_abuse"} == {2}


def test_a_harassment_complaint_counts_as_a_claim(push, protected, file_complaint, platform):
    # buyer_li: T1001 (open), H1 complained about, H2 and H3 refund claims: 3 of 4.
    file_complaint("H1")
    push("H2", "buyer_li", refund_claimed=True)
    push("H3", "buyer_li", refund_claimed=True)
    run_detectors()
    assert flagged("refund_abuse") == ["H1", "H2", "H3", "T1001"]


def test_new_account_burst_needs_enough_new_accounts_at_one_store(push, protected):
    recent = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    old = (timezone.now() - datetime.timedelta(days=400)).isoformat()
    for n in range(4):
        push(f"N{n}", f"fresh{n}", buyer_registered_at=recent)
    push("O1", "veteran", buyer_registered_at=old)
    assert run_detectors()["new_account_burst"] == 0  # 4 < min_orders = 5
    push("N4", "fresh4", buyer_registered_at=recent)
    assert run_detectors()["new_account_burst"] == 5
    assert flagged("new_account_burst") == ["N0", "N1", "N2", "N3", "N4"]
    assert run_detectors()["new_account_burst"] == 0  # once per order and type


def test_shared_identity_flags_one_phone_or_address_behind_many_accounts(push, protected):
    for n in range(3):
        push(f"P{n}", f"sock{n}", buyer_phone_hash="phone-1")
    push("Q1", "loner", buyer_phone_hash="phone-2", address_hash="addr-9")
    push("R1", "x1", address_hash="addr-1")
    push("R2", "x2", address_hash="addr-1")
    run_detectors()
    assert flagged("shared_identity") == ["P0", "P1", "P2"]
    push("R3", "x3", address_hash="addr-1")
    run_detectors()
    assert flagged("shared_identity") == ["P0", "P1", "P2", "R1", "R2", "R3"]
    assert OrderWarning.objects.get(trade__external_id="R1").detail == '{"signal": "address", "accounts": 3}'


def test_review_extortion_a_bad_review_then_a_demand_for_money(push, protected, platform):
    succeeded = (timezone.now() - datetime.timedelta(days=3)).isoformat()
    after = timezone.now() - datetime.timedelta(days=1)
    for n in (1, 2):
        push(f"E{n}", "extorter", status="success", succeeded_at=succeeded,
             buyer_review="negative", seller_review="positive")
    push("E3", "extorter")  # the open order the seller is warned about
    messages = [
        {"id": "X1", "sender": "extorter", "recipient": "seller_wang", "trade_id": "E1",
         "text": "给我赔偿50元我就改好评", "sent_at": after.isoformat()},
    ]
    platform.post("/messages", {"messages": messages})
    run_detectors()
    assert flagged("review_extortion") == []  # one trade only; min_trades = 2
    platform.post("/messages", {"messages": [
        {"id": "X2", "sender": "extorter", "recipient": "seller_wang", "trade_id": "E2",
         "text": "发个红包，不然差评不改", "sent_at": after.isoformat()}]})
    run_detectors()
    assert flagged("review_extortion") == ["E1", "E2", "E3"]
    assert OrderWarning.objects.filter(type="review_extortion", evidence_required=True).count() == 3


def test_detectors_skip_unprotected_stores_closed_and_normal_orders(push, store_id, seller, raise_warning):
    # RULES 9.1: only stores with the tool; RULES 9.4: never an order verified normal.
    for n in range(3):
        push(f"P{n}", f"sock{n}", buyer_phone_hash="phone-1")
    run_detectors()
    assert flagged("shared_identity") == []
    seller.put(f"/stores/{store_id}/protection", {"enabled": True})
    warning = raise_warning("P0", type="platform_risk")
    seller.post(f"/warnings/{warning['id']}/normal", {})
    push("P1", "sock1", buyer_phone_hash="phone-1", status="closed")
    run_detectors()
    assert flagged("shared_identity") == ["P2"]


def test_the_worker_runs_the_detectors_records_and_notifies_once_per_store(push, protected, seller):
    for n in range(3):
        push(f"P{n}", f"sock{n}", buyer_phone_hash="phone-1")
    now = timezone.now()
    assert run_pass(now)["warnings_raised"] == 3
    assert AuditEntry.objects.filter(action="warning.raised", actor_label="warning detectors").count() == 3
    note = Notification.objects.get(recipient=seller.member, kind="warnings_raised")
    assert note.params == '{"count": 3, "store": "王记小店"}'
    push("P3", "sock3", buyer_phone_hash="phone-1")
    # The detectors run at most every `detect_every_minutes` (rulebook).
    assert run_pass(now + datetime.timedelta(minutes=1))["warnings_raised"] == 0
    assert run_pass(now + datetime.timedelta(minutes=61))["warnings_raised"] == 1
