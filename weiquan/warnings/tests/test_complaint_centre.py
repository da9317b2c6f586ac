"""The malicious-behaviour complaint centre (恶意行为投诉中心, RULES 9.5)."""

import datetime

import pytest
from django.utils import translation
from django.utils.dateparse import parse_datetime

from weiquan.audit.models import AuditEntry
from weiquan.complaints.deadlines import WORKER_LABEL
from weiquan.notifications.models import Notification
from weiquan.notifications.services import render
from weiquan.rulebook.calendar import deadline_after
from weiquan.rulebook.registry import get_rulebook
from weiquan.worker.jobs import run_pass

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_case(seller, store_id, evidence_number):
    def file(client=None, trade_id="T1001", **extra):
        body = {"trade_id": trade_id, "reason": "买家差评后索要红包，收货后退回空包",
                "evidence": [{"kind": "im_evidence_number", "reference": evidence_number(seller)}]}
        body.update(extra)
        response = (client or seller).post("/malicious-complaints", body)
        assert response.status_code == 201, response.content
        return response.json()

    return file


def test_a_seller_complains_and_staff_must_decide_within_the_rulebooks_working_days(
    file_case, staff, seller
):
    case = file_case()
    assert case["state"] == "awaiting_verification" and case["rulebook"] == "taobao-003-hiding"
    assert case["complainant"] == "seller_wang" and case["buyer"] == "buyer_li"
    # RULES 9.5: 1-3 working days, from the rulebook's [warnings] complaint_decision.
    rulebook = get_rulebook("taobao-003-hiding")
    assert rulebook.warnings.complaint_decision.unit == "working"
    expected = deadline_after(parse_datetime(case["filed_at"]), rulebook.warnings.complaint_decision,
                              rulebook.timezone)
    assert parse_datetime(case["decision_due"]) == expected
    assert Notification.objects.filter(recipient=staff.member, kind="malicious_complaint_filed").exists()
    assert AuditEntry.objects.filter(action="malicious_complaint.filed", object_id=case["id"],
                                     actor_label="seller_wang").exists()
    assert [c["id"] for c in staff.get("/malicious-complaints?state=awaiting_verification").json()] == [case["id"]]


def test_staff_decide_once_and_say_what_the_platform_did(file_case, staff, seller):
    case = file_case()
    assert seller.post(f"/malicious-complaints/{case['id']}/decision",
                       {"established": True, "reason": "x"}).status_code == 403
    decided = staff.post(f"/malicious-complaints/{case['id']}/decision", {
        "established": True, "reason": "聊天记录证实索要红包",
        "platform_actions": ["metrics_cleaned", "account_penalised"]})
    assert decided.status_code == 200, decided.content
    body = decided.json()
    assert body["state"] == "established"
    assert body["platform_actions"] == ["metrics_cleaned", "account_penalised"]
    again = staff.post(f"/malicious-complaints/{case['id']}/decision",
                       {"established": False, "reason": "重复"})
    assert again.status_code == 409 and again.json()["code"] == "already_decided"
    note = Notification.objects.get(recipient=seller.member, kind="malicious_complaint_decided")
    with translation.override("en"):
        subject, _text = render(note)
    assert f"#{case['id']}" in subject


def test_one_open_case_per_order_and_evidence_is_required(file_case, seller):
    file_case()
    duplicate = seller.post("/malicious-complaints", {
        "trade_id": "T1001", "reason": "again", "evidence": [{"kind": "other", "note": "截图"}]})
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "duplicate_malicious_complaint"
    bare = seller.post("/malicious-complaints", {"trade_id": "T1001", "reason": "x", "evidence": []})
    assert bare.status_code == 422


def test_only_the_store_side_complains_and_sees_its_cases(file_case, stranger, buyer, seller):
    for client in (stranger, buyer):
        refused = client.post("/malicious-complaints", {
            "trade_id": "T1001", "reason": "x", "evidence": [{"kind": "other", "note": "y"}]})
        assert refused.status_code == 404
    case = file_case()
    assert stranger.get(f"/malicious-complaints/{case['id']}").status_code == 404
    assert buyer.get(f"/malicious-complaints/{case['id']}").status_code == 404
    assert stranger.get("/malicious-complaints").json() == []
    assert seller.get(f"/malicious-complaints/{case['id']}").status_code == 200


def test_a_missed_decision_is_flagged_by_the_deadline_worker(file_case, staff):
    case = file_case()
    due = parse_datetime(case["decision_due"])
    assert run_pass(due - datetime.timedelta(seconds=1))["malicious_complaints_overdue"] == 0
    assert run_pass(due + datetime.timedelta(seconds=1))["malicious_complaints_overdue"] == 1
    assert run_pass(due + datetime.timedelta(seconds=2))["malicious_complaints_overdue"] == 0
    body = staff.get(f"/malicious-complaints/{case['id']}").json()
    assert body["decision_overdue"] is True and body["state"] == "awaiting_verification"
    assert AuditEntry.objects.filter(action="malicious_complaint.decision_overdue",
                                     object_id=case["id"], actor_label=WORKER_LABEL).count() == 1
    note = Notification.objects.get(recipient=staff.member, kind="malicious_complaint_overdue")
    with translation.override("en"):
        subject, _text = render(note)
    assert subject == f"Malicious-behaviour complaint #{case['id']} is past its deadline"


def test_a_case_can_cite_the_warning_it_comes_from(file_case, protected, raise_warning, stranger, platform):
    warning = raise_warning("T1001", type="review_extortion")
    case = file_case(warning_id=warning["id"])
    assert case["warning_id"] == warning["id"]
