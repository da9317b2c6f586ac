"""Malicious-order warnings through the API (RULES 9.1-9.4)."""

import pytest

from weiquan.audit.models import AuditEntry
from weiquan.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_warnings_exist_only_for_stores_with_the_protection_tool(platform, seller, store_id):
    # RULES 9.1: "a seller with the protection tool gets warnings"
    refused = platform.post("/warnings", {"trade_id": "T1001", "type": "platform_risk"})
    assert refused.status_code == 422 and refused.json()["code"] == "store_not_protected"

    assert seller.get(f"/stores/{store_id}/protection").json()["enabled"] is False
    assert seller.put(f"/stores/{store_id}/protection", {"enabled": True}).json()["enabled"] is True
    raised = platform.post("/warnings", {"trade_id": "T1001", "type": "platform_risk"})
    assert raised.status_code == 201, raised.content
    assert Notification.objects.filter(recipient=seller.member, kind="warnings_raised").count() == 1

    seller.put(f"/stores/{store_id}/protection", {"enabled": False})
    again = platform.post("/warnings", {"trade_id": "T1001", "type": "malicious_return"})
    assert again.json()["code"] == "store_not_protected"
    assert AuditEntry.objects.filter(action__in=["protection.enabled", "protection.disabled"]).count() == 2


def test_only_the_owner_subscribes_and_strangers_see_no_store(seller, stranger, buyer, store_id):
    # RULES 9.1 and the house rule: a resource that is not yours is 404.
    assert stranger.put(f"/stores/{store_id}/protection", {"enabled": True}).status_code == 404
    assert stranger.get(f"/stores/{store_id}/warnings?list=pending").status_code == 404
    assert buyer.get(f"/stores/{store_id}/protection").status_code == 404


def test_only_the_platform_reports_and_only_known_types(platform, seller, buyer, protected):
    # RULES 9.1: the marketplace's own risk engine; types are rulebook data (RULES 7.1).
    assert buyer.post("/warnings", {"trade_id": "T1001", "type": "platform_risk"}).status_code == 403
    unknown = platform.post("/warnings", {"trade_id": "T1001", "type": "bad_vibes"})
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown_warning_type"
    missing = platform.post("/warnings", {"trade_id": "NOPE", "type": "platform_risk"})
    assert missing.status_code == 404
    platform.post("/warnings", {"trade_id": "T1001", "type": "platform_risk"})
    duplicate = platform.post("/warnings", {"trade_id": "T1001", "type": "platform_risk"})
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "duplicate_warning"


def test_two_lists_handled_by_the_platform_and_pending_for_the_seller(
    seller, protected, raise_warning, open_trade
):
    # RULES 9.1: handled = nothing to do, and it says what was done; pending = seller judges.
    open_trade("T1002")
    handled = raise_warning("T1001", handled=True,
                            platform_actions=["metrics_cleaned", "account_penalised"])
    pending = raise_warning("T1002", type="review_extortion", reason="差评后索要赔偿")
    assert handled["state"] == "handled" and handled["list"] == "handled"
    assert pending["state"] == "pending" and pending["evidence_required"] is True

    handled_list = seller.get(f"/stores/{protected}/warnings?list=handled").json()
    assert [w["id"] for w in handled_list["warnings"]] == [handled["id"]]
    assert handled_list["warnings"][0]["platform_actions"] == ["metrics_cleaned", "account_penalised"]
    assert handled_list["warnings"][0]["platform_actions_text"] == [
        "the store's metrics were cleaned", "the buyer's account was penalised"]
    pending_list = seller.get(f"/stores/{protected}/warnings?list=pending").json()
    assert [w["id"] for w in pending_list["warnings"]] == [pending["id"]]
    assert pending_list["warnings"][0]["detail"] == {"reason": "差评后索要赔偿"}
    assert "Do not close a warned order on your own" in pending_list["advice"]  # RULES 9.6

    # A handled warning leaves the seller nothing to do (RULES 9.1).
    response = seller.post(f"/warnings/{handled['id']}/confirm", {})
    assert response.status_code == 409 and response.json()["code"] == "warning_not_pending"


def test_a_handled_warning_must_say_what_the_platform_did(platform, protected):
    response = platform.post("/warnings", {"trade_id": "T1001", "type": "platform_risk", "handled": True})
    assert response.status_code == 422


def test_confirming_needs_evidence_where_the_type_says_so(
    seller, buyer, protected, raise_warning, evidence_number, stranger
):
    # RULES 9.2: "submit evidence, or simply confirm for types that need no evidence"
    warning = raise_warning("T1001", type="review_extortion")
    bare = seller.post(f"/warnings/{warning['id']}/confirm", {})
    assert bare.status_code == 422 and bare.json()["code"] == "evidence_required"

    # An IM evidence number must be of the buyer and the seller of this order.
    foreign = evidence_number(stranger, sender="stranger_zhao", recipient="seller_wang")
    wrong = seller.post(f"/warnings/{warning['id']}/confirm",
                        {"evidence": [{"kind": "im_evidence_number", "reference": foreign}]})
    assert wrong.status_code == 422 and wrong.json()["code"] == "evidence_number_not_between_parties"

    number = evidence_number(seller)
    confirmed = seller.post(f"/warnings/{warning['id']}/confirm", {
        "evidence": [{"kind": "im_evidence_number", "reference": number},
                     {"kind": "waybill", "reference": "SF1234567890", "note": "空包退货"}],
        "note": "买家差评后要求转账"})
    assert confirmed.status_code == 200, confirmed.content
    body = confirmed.json()
    assert body["state"] == "confirmed" and body["list"] == "judged"
    assert [e["kind"] for e in body["evidence"]] == ["im_evidence_number", "waybill"]
    assert seller.get(f"/stores/{protected}/warnings?list=pending").json()["warnings"] == []


def test_a_type_without_evidence_is_simply_confirmed_and_ignoring_removes_it(
    seller, protected, raise_warning, open_trade
):
    # RULES 9.2
    open_trade("T1002")
    first = raise_warning("T1001", type="platform_risk")
    second = raise_warning("T1002", type="refund_abuse")
    assert seller.post(f"/warnings/{first['id']}/confirm", {}).json()["state"] == "confirmed"
    ignored = seller.post(f"/warnings/{second['id']}/ignore")
    assert ignored.json()["state"] == "ignored"
    assert seller.get(f"/stores/{protected}/warnings?list=pending").json()["warnings"] == []
    again = seller.post(f"/warnings/{second['id']}/normal", {})
    assert again.status_code == 409 and again.json()["code"] == "warning_not_pending"
    assert AuditEntry.objects.filter(action="warning.ignored", actor_label="seller_wang").exists()


def test_marked_normal_is_final_for_the_order(seller, platform, protected, raise_warning, evidence_number):
    # RULES 9.4: once marked normal, a problem found later can no longer be reported.
    first = raise_warning("T1001", type="platform_risk")
    other = raise_warning("T1001", type="refund_abuse")
    normal = seller.post(f"/warnings/{first['id']}/normal", {"note": "老客户，正常"})
    assert normal.json()["state"] == "normal"

    later = platform.post("/warnings", {"trade_id": "T1001", "type": "malicious_return"})
    assert later.status_code == 409 and later.json()["code"] == "order_marked_normal"
    assert "can no longer be reported" in later.json()["message"]
    confirm_other = seller.post(f"/warnings/{other['id']}/confirm", {})
    assert confirm_other.status_code == 409 and confirm_other.json()["code"] == "order_marked_normal"
    complaint = seller.post("/malicious-complaints", {
        "trade_id": "T1001", "reason": "恶意", "evidence": [
            {"kind": "im_evidence_number", "reference": evidence_number(seller)}]})
    assert complaint.status_code == 409 and complaint.json()["code"] == "order_marked_normal"


def test_batch_confirmation_only_when_no_warning_needs_evidence(
    seller, protected, raise_warning, open_trade
):
    # RULES 9.3
    for trade in ("T1002", "T1003"):
        open_trade(trade)
    a = raise_warning("T1001", type="platform_risk")["id"]
    b = raise_warning("T1002", type="new_account_burst")["id"]
    c = raise_warning("T1003", type="review_extortion")["id"]

    refused = seller.post(f"/stores/{protected}/warnings/confirm-batch", {"warning_ids": [a, b, c]})
    assert refused.status_code == 422
    body = refused.json()
    assert body["code"] == "batch_needs_evidence"
    assert body["details"] == {"warning_ids": [c], "trade_ids": ["T1003"]}
    assert "T1003" in body["message"] and "T1002" not in body["message"]  # named as the seller knows it
    pending = seller.get(f"/stores/{protected}/warnings?list=pending").json()["warnings"]
    assert sorted(w["id"] for w in pending) == sorted([a, b, c])  # nothing was confirmed

    done = seller.post(f"/stores/{protected}/warnings/confirm-batch", {"warning_ids": [a, b]})
    assert done.status_code == 200 and sorted(done.json()["confirmed"]) == sorted([a, b])
    left = seller.get(f"/stores/{protected}/warnings?list=pending").json()["warnings"]
    assert [w["id"] for w in left] == [c]
    again = seller.post(f"/stores/{protected}/warnings/confirm-batch", {"warning_ids": [a]})
    assert again.status_code == 409 and again.json()["code"] == "warning_not_pending"


def test_a_batch_cannot_reach_into_another_store(seller, stranger, platform, protected, raise_warning):
    a = raise_warning("T1001")["id"]
    platform.put("/trades/T9", {"buyer": "buyer_li", "seller": "stranger_zhao", "store": "赵家店",
                               "channel": "taobao", "status": "paid"})
    assert stranger.post(f"/stores/{protected}/warnings/confirm-batch",
                         {"warning_ids": [a]}).status_code == 404
    assert stranger.get(f"/warnings/{a}").status_code == 404
    assert stranger.post(f"/warnings/{a}/confirm", {}).status_code == 404
