"""Agencies are told what the owner is told, for the rights they hold (RULES 1.3):
warnings for a protected store (`handle_warnings`, RULES 9.1), a harassment complaint
against the store (`answer_complaints`, RULES 4.1), and appeal decisions (`appeal`, RULES 8.2)."""

import datetime
import json

import pytest
from django.utils import timezone

from conftest import Api, make_member
from weiquan.members.models import Store
from weiquan.notifications.models import Notification
from weiquan.worker.jobs import run_pass

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(db):
    return Api(make_member("agency_yun"))


@pytest.fixture
def other_agency(db):
    return Api(make_member("agency_hai"))


@pytest.fixture
def store_id(make_trade):
    make_trade("T1001")
    return Store.objects.get(name="王记小店").pk


@pytest.fixture
def grant(seller, store_id):
    def grant_(username, *rights):
        response = seller.put(f"/stores/{store_id}/agencies/{username}", {"rights": list(rights)})
        assert response.status_code == 200, response.content

    return grant_


def kinds_for(api):
    return sorted(Notification.objects.filter(recipient=api.member).values_list("kind", flat=True))


def test_a_platform_warning_tells_the_agencies_that_handle_warnings(
    platform, seller, agency, other_agency, store_id, grant
):
    seller.put(f"/stores/{store_id}/protection", {"enabled": True})
    grant("agency_yun", "handle_warnings")
    grant("agency_hai", "answer_complaints", "appeal")
    response = platform.post("/warnings", {"trade_id": "T1001", "type": "platform_risk"})
    assert response.status_code == 201, response.content
    assert kinds_for(seller) == ["warnings_raised"]
    assert kinds_for(agency) == ["warnings_raised"]
    note = Notification.objects.get(recipient=agency.member)
    assert json.loads(note.params) == {"count": 1, "store": "王记小店"}
    assert kinds_for(other_agency) == []  # no handle_warnings right


def test_a_revoked_agency_is_not_told(platform, seller, agency, store_id, grant):
    seller.put(f"/stores/{store_id}/protection", {"enabled": True})
    grant("agency_yun", "handle_warnings")
    grant("agency_yun")  # the owner revokes everything
    platform.post("/warnings", {"trade_id": "T1001", "type": "platform_risk"})
    assert kinds_for(agency) == []


def test_the_detectors_tell_the_agencies_once_per_store(platform, seller, agency, other_agency,
                                                         store_id, grant):
    seller.put(f"/stores/{store_id}/protection", {"enabled": True})
    grant("agency_yun", "handle_warnings")
    grant("agency_hai", "appeal")
    for n in range(3):  # shared_identity: one phone number behind three accounts
        platform.put(f"/trades/P{n}", {"buyer": f"sock{n}", "seller": "seller_wang", "store": "王记小店",
                                       "channel": "taobao", "status": "paid", "buyer_phone_hash": "phone-1"})
    assert run_pass(timezone.now())["warnings_raised"] == 3
    for side in (seller, agency):
        note = Notification.objects.get(recipient=side.member, kind="warnings_raised")
        assert note.params == '{"count": 3, "store": "王记小店"}'
    assert kinds_for(other_agency) == []


def test_a_harassment_complaint_tells_the_agencies_that_answer_complaints(
    seller, agency, other_agency, grant, file_complaint
):
    grant("agency_yun", "answer_complaints")
    grant("agency_hai", "handle_warnings")
    complaint = file_complaint("T1001")
    note = Notification.objects.get(recipient=agency.member)
    assert note.kind == "complaint_filed_respondent" and note.complaint_id == complaint["id"]
    assert "complaint_filed_respondent" in kinds_for(seller)
    assert kinds_for(other_agency) == []


def test_an_appeal_decision_tells_the_agencies_that_appeal(
    seller, staff, agency, other_agency, grant, file_complaint
):
    case = file_complaint("T1001")
    seller.post(f"/complaints/{case['id']}/answer", {"choice": "B", "explanation": "没有"})
    staff.post(f"/complaints/{case['id']}/decision",
               {"established": True, "tier": "serious", "reason": "通话记录"})
    penalty_id = seller.get("/sellers/seller_wang/penalties").json()["penalties"][0]["id"]
    appeal = seller.post(f"/penalties/{penalty_id}/appeal", {"reason": "买家已同意撤销"}).json()
    grant("agency_yun", "appeal")
    grant("agency_hai", "answer_complaints")
    Notification.objects.all().delete()
    decided = staff.post(f"/appeals/{appeal['id']}/decision", {"upheld": False, "reason": "证据不足"})
    assert decided.status_code == 200, decided.content
    assert kinds_for(seller) == ["appeal_rejected"]
    assert kinds_for(agency) == ["appeal_rejected"]
    assert Notification.objects.get(recipient=agency.member).appeal_id == appeal["id"]
    assert kinds_for(other_agency) == []


def test_the_malicious_complaint_decision_reaches_the_agency_once(
    platform, seller, staff, agency, store_id, grant
):
    grant("agency_yun", "handle_warnings")
    platform.post("/messages", {"messages": [{
        "id": "M1", "sender": "buyer_li", "recipient": "seller_wang", "text": "给我红包",
        "sent_at": timezone.now() - datetime.timedelta(minutes=5)}]})
    number = seller.post("/evidence-numbers", {"message_ids": ["M1"]}).json()["number"]
    # Filed by the agency: it is the complainant and is told once, not twice.
    case = agency.post("/malicious-complaints", {
        "trade_id": "T1001", "reason": "差评后索要红包",
        "evidence": [{"kind": "im_evidence_number", "reference": number}]}).json()
    staff.post(f"/malicious-complaints/{case['id']}/decision", {"established": False, "reason": "证据不足"})
    assert kinds_for(agency) == ["malicious_complaint_decided"]
    assert kinds_for(seller).count("malicious_complaint_decided") == 1
