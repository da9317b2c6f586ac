"""Compensation owed to the buyer (RULES 6, 001), the inbox, assignment, lookups."""

from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from weiquan.members.models import Member


def established(seller, staff, file_complaint, tier="general"):
    complaint = file_complaint()
    seller.post(f"/complaints/{complaint['id']}/answer", {"choice": "B", "explanation": "x"})
    staff.post(f"/complaints/{complaint['id']}/decision", {"established": True, "tier": tier, "reason": "r"})
    return seller.get("/sellers/seller_wang/penalties").json()["penalties"][0]


def test_the_marketplace_records_the_compensation_paid_once(platform, seller, staff, buyer, file_complaint):
    call_command("rulebook", "activate", "taobao-001-compensation")
    penalty = established(seller, staff, file_complaint)
    assert penalty["compensation_status"] == "owed"
    assert buyer.post(f"/penalties/{penalty['id']}/compensation-paid").status_code == 403
    paid = platform.post(f"/penalties/{penalty['id']}/compensation-paid")
    assert paid.status_code == 200 and paid.json()["compensation_status"] == "paid"
    again = platform.post(f"/penalties/{penalty['id']}/compensation-paid")
    assert again.status_code == 409 and again.json()["code"] == "compensation_not_owed"
    assert float(seller.get("/sellers/seller_wang/penalties").json()["compensation_owed"]) == 0


def test_an_upheld_appeal_cancels_compensation_still_owed(seller, staff, file_complaint):
    call_command("rulebook", "activate", "taobao-001-compensation")
    penalty = established(seller, staff, file_complaint)
    appeal = seller.post(f"/penalties/{penalty['id']}/appeal", {"reason": "x"}).json()
    staff.post(f"/appeals/{appeal['id']}/decision", {"upheld": True, "reason": "r"})
    assert seller.get("/sellers/seller_wang/penalties").json()["penalties"][0]["compensation_status"] == "cancelled"


def test_the_inbox_is_rendered_in_the_readers_language_and_can_be_marked_read(seller, file_complaint):
    file_complaint()
    inbox = seller.get("/notifications").json()
    assert [n["kind"] for n in inbox] == ["complaint_filed_respondent"]
    assert "T1001" in inbox[0]["subject"] and "complaint" in inbox[0]["subject"]
    zh = seller.client.get("/api/v1/notifications", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert "投诉" in zh[0]["subject"]
    assert seller.post("/notifications/read", {}).json() == {"marked": 1}
    assert seller.get("/notifications?unread=true").json() == []


def test_staff_assign_a_case_to_a_handler(staff, buyer, file_complaint):
    complaint = file_complaint()
    Member.objects.create(username="kefu2", role=Member.Role.STAFF)
    response = staff.post(f"/complaints/{complaint['id']}/assign", {"handler": "kefu2"})
    assert response.json()["assigned_to"] == "kefu2"
    assert buyer.post(f"/complaints/{complaint['id']}/assign", {"handler": "kefu2"}).status_code == 403
    assert staff.post(f"/complaints/{complaint['id']}/assign", {"handler": "buyer_li"}).status_code == 422


def test_staff_resolve_an_evidence_number_a_stranger_cannot(platform, buyer, staff, stranger, file_complaint):
    file_complaint()
    platform.post("/messages", {"messages": [{"id": "X1", "sender": "seller_wang", "recipient": "buyer_li",
                                              "text": "等着收棺材吧", "sent_at": timezone.now().isoformat()}]})
    number = buyer.post("/evidence-numbers", {"message_ids": ["X1"]}).json()["number"]
    resolved = staff.get(f"/evidence-numbers/{number}")
    assert resolved.status_code == 200 and resolved.json()["messages"][0]["text"] == "等着收棺材吧"
    assert stranger.get(f"/evidence-numbers/{number}").status_code == 404


def test_rulebooks_are_listed_with_the_one_in_force(buyer):
    books = {b["id"]: b for b in buyer.get("/rulebooks").json()}
    assert books["taobao-003-hiding"]["in_force"] is True
    assert books["taobao-002-rule-text"]["deadlines"]["decision"] == {"days": 4, "unit": "working"}


def test_api_token_creates_an_account_with_its_role_and_the_token_works(db, capsys):
    call_command("api_token", "shop_system", "--create", "--role", "platform")
    token = capsys.readouterr().out.strip()
    assert Member.objects.get(username="shop_system").role == "platform"
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get("/api/v1/notifications").status_code == 200
    assert Client(HTTP_AUTHORIZATION="Bearer wq_wrong").get("/api/v1/notifications").status_code == 401
