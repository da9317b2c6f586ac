"""Seller pages (RULES 4.2, 4.3, 8.1, 8.2, 10.3) and staff pages (RULES 5, 8.2)."""

import datetime

from django.utils import timezone

from weiquan.complaints.models import Complaint, State
from weiquan.penalties.models import Appeal, Penalty

from .helpers import page_client, png_upload


def _decided(file_complaint, seller, staff, tier="serious"):
    case = file_complaint()
    seller.post(f"/complaints/{case['id']}/answer", {"choice": "B", "explanation": "没有骚扰"})
    staff.post(f"/complaints/{case['id']}/decision", {"established": True, "tier": tier, "reason": "证据充分",
                                                     "behaviours_found": ["abuse"]})
    return Complaint.objects.get(pk=case["id"])


def test_the_seller_sees_complaints_with_answer_deadlines_and_contact_etiquette(seller, file_complaint):
    case = file_complaint()
    client = page_client(seller)
    listing = client.get("/seller/complaints/").content.decode()
    assert f"/cases/{case['id']}/" in listing and "Answer by" in listing and "data-deadline" in listing
    page = client.get(f"/cases/{case['id']}/").content.decode()
    assert 'name="choice"' in page  # RULES 4.2: A or B
    assert "never at night" in page  # RULES 10.3
    assert "Keep every chat" not in page  # buyer guidance is for the buyer


def test_the_seller_answers_b_with_evidence(seller, file_complaint):
    """RULES 4.2."""
    case = file_complaint()
    client = page_client(seller)
    response = client.post(f"/cases/{case['id']}/answer/", {"choice": "B", "explanation": "电话记录显示只打过一次",
                                                             "kind": "call_record", "file": png_upload()})
    assert response.status_code == 302
    found = Complaint.objects.get(pk=case["id"])
    assert found.state == State.AWAITING_DECISION and found.answer_choice == "B"
    assert found.evidence.filter(submitted_by=seller.member, kind="call_record").exists()


def test_a_late_answer_is_refused_on_the_page_and_the_text_is_kept(seller, file_complaint):
    """RULES 4.1: three days to answer."""
    case = file_complaint()
    Complaint.objects.filter(pk=case["id"]).update(answer_due=timezone.now() - datetime.timedelta(minutes=1))
    response = page_client(seller).post(f"/cases/{case['id']}/answer/", {"choice": "A", "explanation": "我会联系买家"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "The time to answer has passed." in page and "我会联系买家" in page
    assert Complaint.objects.get(pk=case["id"]).state == State.AWAITING_ANSWER


def test_the_seller_uploads_proof_of_the_agreement_and_staff_review_it(platform, buyer, seller, staff, file_complaint):
    """RULES 4.3."""
    case = file_complaint()
    platform.post("/messages", {"messages": [{"id": "agree", "sender": "buyer_li", "recipient": "seller_wang",
                                              "text": "我同意撤销投诉", "sent_at": "2026-11-20T12:00:00+08:00"}]})
    number = seller.post("/evidence-numbers", {"message_ids": ["agree"]}).json()["number"]
    client = page_client(seller)
    bad = client.post(f"/cases/{case['id']}/withdrawal-proof/", {"reference": "IMWRONG"})
    assert "This IM evidence number is not known." in bad.content.decode()
    assert client.post(f"/cases/{case['id']}/withdrawal-proof/", {"reference": number}).status_code == 302
    assert Complaint.objects.get(pk=case["id"]).state == State.WITHDRAWAL_REVIEW
    staff_client = page_client(staff)
    page = staff_client.get(f"/staff/cases/{case['id']}/").content.decode()
    assert number in page and "我同意撤销投诉" in page and 'name="accepted"' in page
    staff_client.post(f"/staff/cases/{case['id']}/withdrawal-review/", {"accepted": "yes", "reason": "属实"})
    assert Complaint.objects.get(pk=case["id"]).state == State.WITHDRAWN


def test_health_centre_penalty_reason_and_one_appeal_in_the_window(seller, staff, file_complaint):
    """RULES 8.1: 体检中心 → 查看原因 → 我要申诉; RULES 8.2: only once."""
    case = _decided(file_complaint, seller, staff)
    penalty = Penalty.objects.get(complaint=case)
    client = page_client(seller, "zh-hans")
    health = client.get("/seller/health/").content.decode()
    assert f"/seller/penalties/{penalty.pk}/" in health and ">12<" in health  # 12 points this period
    reason = client.get(f"/seller/penalties/{penalty.pk}/").content.decode()
    assert "证据充分" in reason and 'name="reason"' in reason
    empty = client.post(f"/seller/penalties/{penalty.pk}/", {"reason": ""})
    assert empty.status_code == 422
    filed = client.post(f"/seller/penalties/{penalty.pk}/", {"reason": "买家已同意撤销", "file": png_upload()})
    assert filed.status_code == 302
    appeal = Appeal.objects.get(penalty=penalty)
    assert appeal.evidence.count() == 1
    after = client.get(f"/seller/penalties/{penalty.pk}/").content.decode()
    assert 'name="reason"' not in after and "买家已同意撤销" in after
    again = client.post(f"/seller/penalties/{penalty.pk}/", {"reason": "再申诉一次"})
    assert again.status_code == 409 and Appeal.objects.count() == 1


def test_no_appeal_form_after_the_window(seller, staff, file_complaint):
    case = _decided(file_complaint, seller, staff)
    Penalty.objects.filter(complaint=case).update(appeal_due=timezone.now() - datetime.timedelta(minutes=1))
    penalty = Penalty.objects.get(complaint=case)
    client = page_client(seller)
    page = client.get(f"/seller/penalties/{penalty.pk}/").content.decode()
    assert 'name="reason"' not in page and "The time to appeal this penalty has passed." in page
    late = client.post(f"/seller/penalties/{penalty.pk}/", {"reason": "迟到的申诉"})
    assert "The time to appeal this penalty has passed." in late.content.decode()
    assert "迟到的申诉" in late.content.decode()


def test_staff_queue_filters_and_orders_overdue_first(buyer, staff, file_complaint, make_trade):
    first = file_complaint("T1")
    second = file_complaint("T2", behaviours=["threat"])
    Complaint.objects.filter(pk=second["id"]).update(answer_due=timezone.now() - datetime.timedelta(hours=1))
    client = page_client(staff)
    page = client.get("/staff/").content.decode()
    assert page.index(f"#{second['id']}<") < page.index(f"#{first['id']}<")
    assert "overdue" in page
    only_threats = client.get("/staff/?state=open&behaviour=threat").content.decode()
    assert f"#{second['id']}<" in only_threats and f"#{first['id']}<" not in only_threats
    assert f"#{first['id']}<" not in client.get("/staff/?state=established").content.decode()


def test_staff_assign_decide_and_the_appeal_decision(seller, staff, file_complaint):
    """RULES 5.2: established with a tier, behaviours found and a reason; RULES 8.2."""
    case = file_complaint()
    seller.post(f"/complaints/{case['id']}/answer", {"choice": "A", "explanation": "误会"})
    client = page_client(staff)
    view = client.get(f"/staff/cases/{case['id']}/").content.decode()
    assert "The buyer's evidence" in view and "The seller's evidence" in view and "Audit trail" in view
    assert client.post(f"/staff/cases/{case['id']}/assign/", {"handler": "handler"}).status_code == 302
    assert Complaint.objects.get(pk=case["id"]).assigned_to == staff.member
    missing = client.post(f"/staff/cases/{case['id']}/decide/", {"established": "yes", "tier": "serious", "reason": ""})
    assert "Give the reason for the decision." in missing.content.decode()
    assert 'value="serious" selected' in missing.content.decode()
    client.post(f"/staff/cases/{case['id']}/decide/", {"established": "yes", "tier": "serious",
                                                       "behaviours_found": ["abuse"], "reason": "证据充分"})
    decided = Complaint.objects.get(pk=case["id"])
    assert decided.state == State.ESTABLISHED and decided.tier == "serious"
    twice = client.post(f"/staff/cases/{case['id']}/decide/", {"established": "no", "reason": "再判一次"})
    assert twice.status_code == 409 and "This complaint has already been decided." in twice.content.decode()
    penalty = Penalty.objects.get(complaint=decided)
    page_client(seller).post(f"/seller/penalties/{penalty.pk}/", {"reason": "买家同意撤销"})
    appeal = Appeal.objects.get()
    assert f"/staff/appeals/{appeal.pk}/" in client.get("/staff/appeals/").content.decode()
    assert client.post(f"/staff/appeals/{appeal.pk}/", {"upheld": "yes", "reason": "属实"}).status_code == 302
    assert Penalty.objects.get(pk=penalty.pk).state == "reversed"
    buyer_view = page_client(decided.complainant).get(f"/cases/{case['id']}/").content.decode()
    assert "upheld" in buyer_view


def test_staff_dashboard_draws_inline_svg_charts(staff, seller, file_complaint):
    _decided(file_complaint, seller, staff)
    page = page_client(staff).get("/staff/dashboard/").content.decode()
    assert page.count("<svg") >= 5 and "<rect" in page
    assert "http" not in page.split("<svg", 1)[1].split("</svg>", 1)[0].replace("http://www.w3.org/2000/svg", "")


def test_a_case_that_is_not_yours_is_404_for_the_seller_too(stranger, file_complaint):
    case = file_complaint()
    assert page_client(stranger).post(f"/cases/{case['id']}/answer/", {"choice": "A", "explanation": "x"}).status_code == 404


def test_the_dashboard_measures_decisions_against_their_deadline(staff, seller, file_complaint, make_trade):
    from weiquan.web.queue import dashboard

    on_time = _decided(file_complaint, seller, staff)
    late = file_complaint("T2")
    Complaint.objects.filter(pk=late["id"]).update(
        state=State.NOT_ESTABLISHED, decided_at=on_time.decision_due + datetime.timedelta(days=1, hours=12))
    data = dashboard()
    assert (data["on_time"], data["late"]) == (1, 1)
    against = dict(data["against_deadline"])
    assert against["late1"] == 1 and sum(against.values()) == 2
    assert data["by_tier"] == {"serious": 1}
    page = page_client(staff).get("/staff/dashboard/").content.decode()
    assert "Decided before or after the deadline" in page


def test_an_agency_sees_and_answers_the_complaints_of_the_stores_it_serves(seller, file_complaint):
    """RULES 1.3: an agency granted answer_complaints works on the seller's pages."""
    from conftest import make_member
    from weiquan.audit.models import AuditEntry
    from weiquan.members.models import Store

    case = file_complaint()
    agency = make_member("agency_yun")
    client = page_client(agency)
    assert f"/cases/{case['id']}/" not in client.get("/seller/complaints/").content.decode()
    assert client.get(f"/cases/{case['id']}/").status_code == 404
    store = Store.objects.get(name="王记小店")
    assert seller.put(f"/stores/{store.pk}/agencies/agency_yun", {"rights": ["answer_complaints"]}).status_code == 200
    assert f"/cases/{case['id']}/" in client.get("/seller/complaints/").content.decode()
    response = client.post(f"/cases/{case['id']}/answer/", {"choice": "A", "explanation": "已联系买家澄清"})
    assert response.status_code == 302
    assert Complaint.objects.get(pk=case["id"]).state == State.AWAITING_DECISION
    assert AuditEntry.objects.get(action="complaint.answered").actor_label == "agency agency_yun for store 王记小店"
