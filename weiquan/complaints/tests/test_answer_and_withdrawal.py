"""The respondent's answer (RULES 4.1, 4.2) and withdrawal (RULES 4.3)."""

import datetime

from django.utils import timezone

from weiquan.complaints.models import Complaint


def test_the_respondent_answers_a_or_b(seller, file_complaint):
    """RULES 4.2"""
    complaint = file_complaint()
    response = seller.post(f"/complaints/{complaint['id']}/answer", {"choice": "A", "explanation": "误会，已联系买家"})
    assert response.status_code == 200
    assert response.json()["answer_choice"] == "A" and response.json()["state"] == "awaiting_decision"


def test_only_the_respondent_answers(buyer, file_complaint):
    complaint = file_complaint()
    response = buyer.post(f"/complaints/{complaint['id']}/answer", {"choice": "A", "explanation": "x"})
    assert response.status_code == 403


def test_an_answer_needs_a_valid_choice(seller, file_complaint):
    complaint = file_complaint()
    response = seller.post(f"/complaints/{complaint['id']}/answer", {"choice": "C", "explanation": "x"})
    assert response.status_code == 422 and response.json()["code"] == "invalid_input"


def test_a_late_answer_is_refused(seller, file_complaint):
    """RULES 4.1: within 3 days of receiving the complaint."""
    complaint = file_complaint()
    Complaint.objects.filter(pk=complaint["id"]).update(answer_due=timezone.now() - datetime.timedelta(minutes=1))
    response = seller.post(f"/complaints/{complaint['id']}/answer", {"choice": "B", "explanation": "x"})
    assert response.status_code == 409 and response.json()["code"] == "answer_window_closed"


def test_the_complainant_withdraws_before_a_decision(buyer, seller, file_complaint):
    """RULES 4.3"""
    complaint = file_complaint()
    response = buyer.post(f"/complaints/{complaint['id']}/withdraw")
    assert response.status_code == 200 and response.json()["state"] == "withdrawn"
    again = buyer.post(f"/complaints/{complaint['id']}/withdraw")
    assert again.status_code == 409 and again.json()["code"] == "already_withdrawn"
    assert seller.post(f"/complaints/{complaint['id']}/withdraw").status_code == 403


def test_after_a_decision_withdrawal_is_refused_and_points_stay(buyer, seller, staff, file_complaint):
    """RULES 4.3: once established and points deducted, a negotiated withdrawal removes no points."""
    complaint = file_complaint()
    seller.post(f"/complaints/{complaint['id']}/answer", {"choice": "B", "explanation": "x"})
    staff.post(f"/complaints/{complaint['id']}/decision", {"established": True, "tier": "serious", "reason": "r"})
    response = buyer.post(f"/complaints/{complaint['id']}/withdraw")
    assert response.status_code == 409 and response.json()["code"] == "already_decided"
    assert seller.get("/sellers/seller_wang/penalties").json()["periods"][0]["points"] == 12


def agreement_number(platform, buyer):
    platform.post("/messages", {"messages": [{"id": "AG1", "sender": "buyer_li", "recipient": "seller_wang",
                                              "text": "好的，我同意撤销投诉", "sent_at": timezone.now().isoformat()}]})
    return buyer.post("/evidence-numbers", {"message_ids": ["AG1"]}).json()["number"]


def test_the_respondent_shows_an_agreement_and_staff_accept_it(platform, buyer, seller, staff, file_complaint):
    """RULES 4.3: the respondent uploads the IM evidence number of the agreement; staff review it."""
    complaint = file_complaint()
    number = agreement_number(platform, buyer)
    response = seller.post(f"/complaints/{complaint['id']}/withdrawal-proof", {"reference": number})
    assert response.status_code == 200 and response.json()["state"] == "withdrawal_review"
    assert buyer.post(f"/complaints/{complaint['id']}/withdrawal-review", {"accepted": True}).status_code == 403
    reviewed = staff.post(f"/complaints/{complaint['id']}/withdrawal-review", {"accepted": True, "reason": "聊天记录属实"})
    assert reviewed.json()["state"] == "withdrawn"


def test_a_rejected_agreement_sends_the_case_back(platform, buyer, seller, staff, file_complaint):
    complaint = file_complaint()
    seller.post(f"/complaints/{complaint['id']}/withdrawal-proof", {"reference": agreement_number(platform, buyer)})
    reviewed = staff.post(f"/complaints/{complaint['id']}/withdrawal-review", {"accepted": False, "reason": "不是同意"})
    assert reviewed.json()["state"] == "awaiting_answer"


def test_a_decision_cannot_come_before_the_answer_or_its_deadline(staff, file_complaint):
    complaint = file_complaint()
    response = staff.post(f"/complaints/{complaint['id']}/decision", {"established": False, "reason": "r"})
    assert response.status_code == 409 and response.json()["code"] == "answer_pending"
