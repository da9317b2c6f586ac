"""A decided malicious-behaviour complaint is written on the warning it came from
(RULES 9.5): established — the warning is confirmed by the platform; not established —
the finding is noted. Both are in the audit trail and in the seller's judged list."""

import json

import pytest

from weiquan.audit.models import AuditEntry
from weiquan.warnings.models import OrderWarning

pytestmark = pytest.mark.django_db


@pytest.fixture
def complain(seller, evidence_number):
    def complain_(warning, trade_id="T1001"):
        response = seller.post("/malicious-complaints", {
            "trade_id": trade_id, "warning_id": warning["id"], "reason": "差评后索要红包",
            "evidence": [{"kind": "im_evidence_number", "reference": evidence_number(seller)}]})
        assert response.status_code == 201, response.content
        return response.json()

    return complain_


def decide(staff, case, established):
    body = {"established": established, "reason": "聊天记录属实" if established else "证据不足"}
    if established:
        body["platform_actions"] = ["metrics_cleaned"]
    response = staff.post(f"/malicious-complaints/{case['id']}/decision", body)
    assert response.status_code == 200, response.content
    return response.json()


def test_an_established_complaint_confirms_its_pending_warning(
    seller, staff, protected, raise_warning, complain
):
    warning = raise_warning("T1001", type="review_extortion")
    case = complain(warning)
    decide(staff, case, True)
    after = seller.get(f"/warnings/{warning['id']}").json()
    assert after["state"] == "platform_confirmed" and after["list"] == "judged"
    assert after["platform_verdict"] == "established" and after["platform_verdict_at"]
    # It left the pending list (RULES 9.1) and is among what was judged.
    pending = seller.get(f"/stores/{protected}/warnings?list=pending").json()["warnings"]
    judged = seller.get(f"/stores/{protected}/warnings?list=judged").json()["warnings"]
    assert warning["id"] not in [w["id"] for w in pending]
    assert [w["id"] for w in judged] == [warning["id"]]
    entry = AuditEntry.objects.get(action="warning.platform_verdict", object_id=warning["id"])
    assert (entry.from_state, entry.to_state) == ("pending", "platform_confirmed")
    assert json.loads(entry.data) == {"case": case["id"], "verdict": "established"}


def test_an_established_complaint_confirms_a_warning_the_seller_confirmed(
    seller, staff, protected, raise_warning, complain
):
    warning = raise_warning("T1001", type="platform_risk")
    seller.post(f"/warnings/{warning['id']}/confirm", {"note": "买家要红包"})
    case = complain(warning)
    decide(staff, case, True)
    after = seller.get(f"/warnings/{warning['id']}").json()
    assert after["state"] == "platform_confirmed"
    # The seller's own judgement stays on record.
    assert after["decided_by"] == "seller_wang" and after["decision_note"] == "买家要红包"


def test_not_established_is_noted_and_the_state_kept(seller, staff, protected, raise_warning, complain):
    warning = raise_warning("T1001", type="platform_risk")
    seller.post(f"/warnings/{warning['id']}/confirm", {})
    case = complain(warning)
    decide(staff, case, False)
    after = seller.get(f"/warnings/{warning['id']}").json()
    assert after["state"] == "confirmed" and after["platform_verdict"] == "not_established"
    entry = AuditEntry.objects.get(action="warning.platform_verdict", object_id=warning["id"])
    assert entry.from_state == entry.to_state == "confirmed"
    assert json.loads(entry.data)["verdict"] == "not_established"


def test_verified_normal_stays_final(seller, staff, protected, raise_warning, complain):
    # RULES 9.4: marked normal is final, even if a complaint filed before is established.
    warning = raise_warning("T1001", type="platform_risk")
    case = complain(warning)
    seller.post(f"/warnings/{warning['id']}/normal", {})
    decide(staff, case, True)
    after = OrderWarning.objects.get(pk=warning["id"])
    assert after.state == "normal" and after.platform_verdict == "established"


def test_a_complaint_without_a_warning_touches_no_warning(seller, staff, protected, raise_warning,
                                                          evidence_number):
    warning = raise_warning("T1001", type="platform_risk")
    case = seller.post("/malicious-complaints", {
        "trade_id": "T1001", "reason": "差评后索要红包",
        "evidence": [{"kind": "im_evidence_number", "reference": evidence_number(seller)}]}).json()
    decide(staff, case, True)
    after = OrderWarning.objects.get(pk=warning["id"])
    assert after.state == "pending" and after.platform_verdict == ""
    assert not AuditEntry.objects.filter(action="warning.platform_verdict").exists()
