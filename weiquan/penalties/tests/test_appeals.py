"""The seller's one appeal within the window (RULES 8)."""

import datetime

import pytest
from django.utils import timezone

from weiquan.penalties.models import Penalty


@pytest.fixture
def penalty_id(seller, staff, file_complaint):
    complaint = file_complaint()
    seller.post(f"/complaints/{complaint['id']}/answer", {"choice": "B", "explanation": "没有骚扰"})
    staff.post(f"/complaints/{complaint['id']}/decision", {"established": True, "tier": "serious", "reason": "r"})
    return seller.get("/sellers/seller_wang/penalties").json()["penalties"][0]["id"]


def test_an_appeal_is_reviewed_within_3_working_days(seller, penalty_id):
    """RULES 8.1, 8.2"""
    response = seller.post(f"/penalties/{penalty_id}/appeal", {"reason": "买家已同意撤销"})
    assert response.status_code == 201
    body = response.json()
    assert body["state"] == "pending"
    review_due = datetime.datetime.fromisoformat(body["review_due"])
    assert datetime.timedelta(days=3) <= review_due - timezone.now() <= datetime.timedelta(days=12)


def test_only_one_appeal_per_penalty(seller, penalty_id):
    """RULES 8.2: the appeal entry opens only once."""
    seller.post(f"/penalties/{penalty_id}/appeal", {"reason": "第一次"})
    again = seller.post(f"/penalties/{penalty_id}/appeal", {"reason": "第二次"})
    assert again.status_code == 409 and again.json()["code"] == "appeal_exists"


def test_the_appeal_window_closes_15_days_after_the_penalty(seller, penalty_id):
    """RULES 8.1"""
    Penalty.objects.filter(pk=penalty_id).update(appeal_due=timezone.now() - datetime.timedelta(seconds=1))
    response = seller.post(f"/penalties/{penalty_id}/appeal", {"reason": "太晚了"})
    assert response.status_code == 422 and response.json()["code"] == "appeal_window_closed"


def test_only_the_penalised_seller_appeals(buyer, stranger, penalty_id):
    assert buyer.post(f"/penalties/{penalty_id}/appeal", {"reason": "x"}).status_code == 404
    assert stranger.post(f"/penalties/{penalty_id}/appeal", {"reason": "x"}).status_code == 404


def test_an_upheld_appeal_reverses_the_points_and_lifts_sanctions(seller, staff, file_complaint):
    """RULES 8.2: upheld -> a reversal entry in the ledger, sanctions lifted."""
    complaint = file_complaint()
    seller.post(f"/complaints/{complaint['id']}/answer", {"choice": "B", "explanation": "x"})
    staff.post(f"/complaints/{complaint['id']}/decision",
               {"established": True, "tier": "especially_serious", "reason": "r"})
    before = seller.get("/sellers/seller_wang/penalties").json()
    assert before["frozen"] is True
    appeal = seller.post(f"/penalties/{before['penalties'][0]['id']}/appeal", {"reason": "证据"}).json()
    staff.post(f"/appeals/{appeal['id']}/decision", {"upheld": True, "reason": "申诉成立"})
    after = seller.get("/sellers/seller_wang/penalties").json()
    assert after["frozen"] is False and after["periods"][0]["points"] == 0
    assert [e["points"] for e in after["entries"]] == [48, -48]
    assert after["penalties"][0]["state"] == "reversed"


def test_a_rejected_appeal_leaves_the_penalty(seller, staff, penalty_id):
    appeal = seller.post(f"/penalties/{penalty_id}/appeal", {"reason": "x"}).json()
    response = staff.post(f"/appeals/{appeal['id']}/decision", {"upheld": False, "reason": "证据不足"})
    assert response.json()["state"] == "rejected"
    assert seller.get("/sellers/seller_wang/penalties").json()["periods"][0]["points"] == 12
    again = staff.post(f"/appeals/{appeal['id']}/decision", {"upheld": True, "reason": "改判"})
    assert again.status_code == 409 and again.json()["code"] == "appeal_decided"


def test_appeal_evidence_is_the_sellers_own(platform, buyer, seller, stranger, penalty_id):
    """RULES 8.3: e.g. the IM evidence number of the buyer's agreement to withdraw."""
    appeal = seller.post(f"/penalties/{penalty_id}/appeal", {"reason": "x"}).json()
    platform.post("/messages", {"messages": [{"id": "W1", "sender": "buyer_li", "recipient": "seller_wang",
                                              "text": "我撤销投诉", "sent_at": timezone.now().isoformat()}]})
    number = seller.post("/evidence-numbers", {"message_ids": ["W1"]}).json()["number"]
    response = seller.post(f"/appeals/{appeal['id']}/evidence", {"kind": "im_evidence_number", "reference": number})
    assert response.status_code == 201
    assert stranger.post(f"/appeals/{appeal['id']}/evidence", {"kind": "im_evidence_number",
                                                              "reference": number}).status_code == 404
