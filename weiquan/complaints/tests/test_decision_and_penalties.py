"""Decisions (RULES 5) and the penalties each rulebook variant derives from them (RULES 6, 7)."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from weiquan.penalties.models import LedgerEntry, Sanction


@pytest.fixture
def awaiting_decision(seller, file_complaint):
    def make(trade_id="T1001"):
        complaint = file_complaint(trade_id)
        seller.post(f"/complaints/{complaint['id']}/answer", {"choice": "B", "explanation": "没有骚扰"})
        return complaint["id"]

    return make


def decide(staff, complaint_id, **body):
    body.setdefault("reason", "双方证据已核实")
    return staff.post(f"/complaints/{complaint_id}/decision", body)


def test_not_established_imposes_nothing(staff, seller, awaiting_decision):
    """RULES 5.2"""
    response = decide(staff, awaiting_decision(), established=False)
    assert response.json()["state"] == "not_established" and response.json()["penalty_id"] is None
    assert seller.get("/sellers/seller_wang/penalties").json()["periods"] == []


def test_only_staff_decide(buyer, seller, awaiting_decision):
    complaint_id = awaiting_decision()
    assert decide(buyer, complaint_id, established=False).status_code == 403
    assert decide(seller, complaint_id, established=False).status_code == 403


def test_a_decision_needs_a_reason(staff, awaiting_decision):
    response = decide(staff, awaiting_decision(), established=False, reason="")
    assert response.status_code == 422 and response.json()["code"] == "invalid_input"


def test_the_store_hiding_variant_hides_the_store_for_7_days(staff, seller, awaiting_decision):
    """RULES 6 (000/003): general -> store hidden from search for 7 days."""
    decide(staff, awaiting_decision(), established=True, tier="general")
    summary = seller.get("/sellers/seller_wang/penalties").json()
    hidden_until = datetime.datetime.fromisoformat(summary["stores"][0]["hidden_until"])
    assert abs(hidden_until - (timezone.now() + datetime.timedelta(days=7))) < datetime.timedelta(minutes=1)
    assert summary["periods"][0]["points"] == 0 and summary["frozen"] is False


def test_especially_serious_costs_48_points_and_freezes_the_account(staff, seller, awaiting_decision):
    """RULES 6 (000/003): 48 points; account frozen, permanently in the worst cases."""
    decide(staff, awaiting_decision("T1"), established=True, tier="especially_serious")
    summary = seller.get("/sellers/seller_wang/penalties").json()
    assert summary["periods"][0]["points"] == 48
    assert summary["frozen"] and not summary["frozen_permanently"] and summary["frozen_until"]
    decide(staff, awaiting_decision("T2"), established=True, tier="especially_serious", permanent_freeze=True)
    summary = seller.get("/sellers/seller_wang/penalties").json()
    assert summary["periods"][0]["points"] == 96 and summary["frozen_permanently"]


def test_the_compensation_variant_owes_the_buyer_300_cny(staff, seller, awaiting_decision):
    """RULES 6 (001): class-A 2 points + 300 CNY to the buyer when established."""
    call_command("rulebook", "activate", "taobao-001-compensation")
    complaint_id = awaiting_decision()
    decide(staff, complaint_id, established=True, tier="general")
    summary = seller.get("/sellers/seller_wang/penalties").json()
    assert summary["periods"][0]["by_class"] == {"A": 2}
    penalty = summary["penalties"][0]
    assert Decimal(penalty["compensation"]) == Decimal("300.00") and penalty["compensation_status"] == "owed"
    assert Decimal(summary["compensation_owed"]) == Decimal("300.00")


def test_the_rule_text_variant_has_no_especially_serious_tier(staff, awaiting_decision):
    """RULES 6 (002): 12 points, 48 when serious; no third tier -> unknown_tier."""
    call_command("rulebook", "activate", "taobao-002-rule-text")
    complaint_id = awaiting_decision()
    response = decide(staff, complaint_id, established=True, tier="especially_serious")
    assert response.status_code == 422 and response.json()["code"] == "unknown_tier"
    assert decide(staff, complaint_id, established=True, tier="general").json()["state"] == "established"


def test_a_case_is_judged_under_the_rulebook_in_force_when_it_was_filed(staff, seller, awaiting_decision):
    """RULES 7.2: switching rulebooks later does not change how a filed case is judged."""
    complaint_id = awaiting_decision()  # filed under taobao-003-hiding
    call_command("rulebook", "activate", "taobao-002-rule-text")
    response = decide(staff, complaint_id, established=True, tier="serious")
    assert response.json()["rulebook"] == "taobao-003-hiding"
    penalty = seller.get("/sellers/seller_wang/penalties").json()["penalties"][0]
    assert (penalty["rulebook"], penalty["points"]) == ("taobao-003-hiding", 12)  # 002 would say 48


def test_each_established_complaint_is_penalised_once(staff, awaiting_decision):
    """RULES 5.3"""
    complaint_id = awaiting_decision()
    decide(staff, complaint_id, established=True, tier="serious")
    again = decide(staff, complaint_id, established=True, tier="serious")
    assert again.status_code == 409 and again.json()["code"] == "already_decided"
    assert LedgerEntry.objects.count() == 1


def test_the_ledger_is_append_only(staff, awaiting_decision):
    decide(staff, awaiting_decision(), established=True, tier="serious")
    entry = LedgerEntry.objects.get()
    entry.points = 0
    with pytest.raises(ValueError):
        entry.save()


def test_points_are_totalled_per_period(staff, seller, awaiting_decision):
    """RULES 6: points count per period (the natural year in Asia/Shanghai)."""
    decide(staff, awaiting_decision("T1"), established=True, tier="serious")
    this_year = LedgerEntry.objects.get()
    LedgerEntry.objects.create(  # a penalty from last year, as the ledger would hold it
        seller=this_year.seller, penalty=this_year.penalty, kind="penalty", points=12, point_class="general",
        period="2025", at=this_year.at - datetime.timedelta(days=365))
    periods = {p["period"]: p["points"] for p in seller.get("/sellers/seller_wang/penalties").json()["periods"]}
    assert periods == {"2025": 12, str(timezone.localtime().year): 12}


def test_sanctions_are_read_from_their_dates(staff, seller, awaiting_decision):
    decide(staff, awaiting_decision(), established=True, tier="general")
    Sanction.objects.update(ends_at=timezone.now() - datetime.timedelta(seconds=1))
    assert seller.get("/sellers/seller_wang/penalties").json()["stores"][0]["hidden_until"] is None


def test_the_database_refuses_to_rewrite_the_ledger(staff, awaiting_decision):
    from django.db import DatabaseError, transaction

    decide(staff, awaiting_decision(), established=True, tier="serious")
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.update(points=0)


def test_the_period_is_the_local_year():
    from weiquan.penalties.services import points_period
    from weiquan.rulebook.registry import get_rulebook

    book = get_rulebook("taobao-003-hiding")
    new_year_in_shanghai = datetime.datetime(2025, 12, 31, 16, 30, tzinfo=datetime.UTC)
    assert points_period(book, new_year_in_shanghai) == "2026"
