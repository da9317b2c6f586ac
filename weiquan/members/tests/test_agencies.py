"""Agencies (代运营, RULES 1.3): an agency acts for several stores with the rights each
owner grants and can revoke; everything it does is recorded as "agency X for store Y";
it sees nothing of stores it does not serve."""

import pytest

from conftest import Api, make_member
from weiquan.audit.models import AuditEntry
from weiquan.members.models import Store

pytestmark = pytest.mark.django_db

LABEL = "agency agency_yun for store 王记小店"


@pytest.fixture
def agency(db):
    return Api(make_member("agency_yun"))


@pytest.fixture
def store_id(make_trade):
    make_trade("T1001")  # successful, negatively reviewed: a harassment complaint may follow
    return Store.objects.get(name="王记小店").pk


@pytest.fixture
def grant(seller, store_id):
    def grant_(*rights, client=None, store=None):
        response = (client or seller).put(f"/stores/{store or store_id}/agencies/agency_yun",
                                          {"rights": list(rights)})
        assert response.status_code == 200, response.content
        return response.json()

    return grant_


def test_the_owner_grants_lists_and_revokes_rights(seller, agency, stranger, store_id, grant):
    assert grant("handle_warnings", "appeal")["rights"] == ["appeal", "handle_warnings"]
    listed = seller.get(f"/stores/{store_id}/agencies").json()
    assert listed["agencies"] == [{"agency": "agency_yun", "rights": ["appeal", "handle_warnings"]}]
    assert [s["name"] for s in agency.get("/stores").json()] == ["王记小店"]
    # Only the owner manages agencies; a stranger learns nothing (404).
    assert stranger.put(f"/stores/{store_id}/agencies/agency_yun", {"rights": []}).status_code == 404
    assert agency.get(f"/stores/{store_id}/agencies").status_code == 404
    assert seller.put(f"/stores/{store_id}/agencies/agency_yun", {"rights": ["everything"]}).status_code == 422

    assert seller.client.delete(f"/api/v1/stores/{store_id}/agencies/agency_yun").json()["rights"] == []
    assert agency.get("/stores").json() == []
    changes = AuditEntry.objects.filter(action="agency.rights_changed").order_by("id")
    assert [c.actor_label for c in changes] == ["seller_wang", "seller_wang"]


def test_an_agency_handles_warnings_recorded_as_agency_for_store(
    seller, agency, platform, store_id, grant
):
    seller.put(f"/stores/{store_id}/protection", {"enabled": True})
    warning = platform.post("/warnings", {"trade_id": "T1001", "type": "platform_risk"}).json()
    # Without the right: the store's warnings do not exist for the agency.
    grant("answer_complaints")
    assert agency.get(f"/stores/{store_id}/warnings?list=pending").status_code == 404
    assert agency.post(f"/warnings/{warning['id']}/confirm", {}).status_code == 404

    grant("handle_warnings")
    pending = agency.get(f"/stores/{store_id}/warnings?list=pending").json()["warnings"]
    assert [w["id"] for w in pending] == [warning["id"]]
    # Subscribing stays the owner's decision.
    assert agency.put(f"/stores/{store_id}/protection", {"enabled": False}).status_code == 403
    confirmed = agency.post(f"/warnings/{warning['id']}/confirm", {})
    assert confirmed.json()["decided_by"] == LABEL
    entry = AuditEntry.objects.get(action="warning.confirmed", object_id=warning["id"])
    assert entry.actor_label == LABEL and entry.actor_id == agency.member.pk

    seller.client.delete(f"/api/v1/stores/{store_id}/agencies/agency_yun")  # revoked: gone again
    assert agency.get(f"/warnings/{warning['id']}").status_code == 404


def test_an_agency_serves_several_stores_and_only_those(platform, agency, seller, grant, store_id):
    other_owner = Api(make_member("seller_sun"))
    platform.put("/trades/T2", {"buyer": "buyer_li", "seller": "seller_sun", "store": "孙家铺子",
                                "channel": "taobao", "status": "paid"})
    platform.put("/trades/T3", {"buyer": "buyer_li", "seller": "seller_qian", "store": "钱氏",
                                "channel": "taobao", "status": "paid"})
    sun = Store.objects.get(name="孙家铺子").pk
    grant("handle_warnings")
    grant("handle_warnings", client=other_owner, store=sun)
    assert sorted(s["name"] for s in agency.get("/stores").json()) == ["孙家铺子", "王记小店"]
    qian = Store.objects.get(name="钱氏").pk
    assert agency.get(f"/stores/{qian}/warnings?list=pending").status_code == 404
    # One owner cannot grant for the other's store.
    assert seller.put(f"/stores/{sun}/agencies/agency_yun", {"rights": []}).status_code == 404


def test_an_agency_answers_harassment_complaints_where_granted(
    agency, seller, staff, file_complaint, grant
):
    case = file_complaint("T1001")
    assert agency.get(f"/complaints/{case['id']}").status_code == 404
    assert agency.get("/complaints").json() == []
    grant("answer_complaints")
    assert [c["id"] for c in agency.get("/complaints").json()] == [case["id"]]
    answered = agency.post(f"/complaints/{case['id']}/answer", {"choice": "B", "explanation": "未骚扰"})
    assert answered.status_code == 200, answered.content
    assert answered.json()["state"] == "awaiting_decision"
    entry = AuditEntry.objects.get(action="complaint.answered", object_id=case["id"])
    assert entry.actor_label == LABEL
    # The owner still answers for itself, under its own name (unchanged behaviour).
    assert seller.get(f"/complaints/{case['id']}").status_code == 200


def test_an_agency_appeals_a_penalty_where_granted(agency, seller, staff, platform, file_complaint,
                                                   grant):
    case = file_complaint("T1001")
    seller.post(f"/complaints/{case['id']}/answer", {"choice": "B", "explanation": "没有"})
    staff.post(f"/complaints/{case['id']}/decision",
               {"established": True, "tier": "serious", "reason": "通话记录"})
    penalty_id = seller.get("/sellers/seller_wang/penalties").json()["penalties"][0]["id"]
    grant("handle_warnings", "answer_complaints")
    refused = agency.post(f"/penalties/{penalty_id}/appeal", {"reason": "买家已同意撤销"})
    assert refused.status_code == 404
    grant("appeal")
    appeal = agency.post(f"/penalties/{penalty_id}/appeal", {"reason": "买家已同意撤销"})
    assert appeal.status_code == 201, appeal.content
    entry = AuditEntry.objects.get(action="appeal.filed", object_id=appeal.json()["id"])
    assert entry.actor_label == LABEL
    # The appeal is the seller's: the seller sees it, and the ledger is unchanged.
    assert seller.get(f"/appeals/{appeal.json()['id']}").status_code == 200
    platform.post("/messages", {"messages": [{"id": "W1", "sender": "buyer_li", "recipient": "seller_wang",
                                              "text": "我同意撤销投诉", "sent_at": "2026-01-05T10:00:00Z"}]})
    number = seller.post("/evidence-numbers", {"message_ids": ["W1"]}).json()["number"]
    evidence = agency.post(f"/appeals/{appeal.json()['id']}/evidence",
                           {"kind": "im_evidence_number", "reference": number})
    assert evidence.status_code == 201, evidence.content
    assert AuditEntry.objects.get(action="appeal.evidence_added").actor_label == LABEL


def test_an_agency_files_a_malicious_behaviour_complaint_for_the_store(agency, platform, grant, seller):
    grant("handle_warnings")
    platform.post("/messages", {"messages": [{"id": "M1", "sender": "buyer_li", "recipient": "seller_wang",
                                              "text": "给我红包", "sent_at": "2026-01-05T10:00:00Z"}]})
    number = seller.post("/evidence-numbers", {"message_ids": ["M1"]}).json()["number"]
    case = agency.post("/malicious-complaints", {
        "trade_id": "T1001", "reason": "差评后索要红包",
        "evidence": [{"kind": "im_evidence_number", "reference": number}]})
    assert case.status_code == 201, case.content
    assert case.json()["complainant"] == LABEL


def test_an_agency_adds_evidence_and_shows_the_buyers_agreement_where_granted(
    agency, platform, buyer, file_complaint, grant
):
    """RULES 1.3 with 4.2 (evidence) and 4.3 (the IM evidence number of the agreement)."""
    from django.utils import timezone

    case = file_complaint("T1001")
    platform.post("/messages", {"messages": [{"id": "AG1", "sender": "buyer_li", "recipient": "seller_wang",
                                              "text": "好的，我同意撤销投诉", "sent_at": timezone.now().isoformat()}]})
    number = buyer.post("/evidence-numbers", {"message_ids": ["AG1"]}).json()["number"]
    body = {"kind": "im_evidence_number", "reference": number}
    assert agency.post(f"/complaints/{case['id']}/evidence", body).status_code == 404  # not granted yet
    grant("answer_complaints")
    assert agency.post(f"/complaints/{case['id']}/evidence", body).status_code == 201
    proof = agency.post(f"/complaints/{case['id']}/withdrawal-proof", {"reference": number})
    assert proof.status_code == 200 and proof.json()["state"] == "withdrawal_review"
    labels = set(AuditEntry.objects.filter(object_id=case["id"], action__in=[
        "complaint.evidence_added", "complaint.withdrawal_requested"]).values_list("actor_label", flat=True))
    assert labels == {LABEL}
