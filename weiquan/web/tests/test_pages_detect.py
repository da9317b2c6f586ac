"""Staff, detect (issue 6 §3): a pair's signals on the case, the strong-pairs queue and
opening a case on the platform's motion; the malicious-behaviour complaint queue and
decision page (RULES 9.5)."""

from weiquan.complaints.models import Complaint
from weiquan.risk.models import RiskSignal
from weiquan.warnings.models import MaliciousComplaint

from .helpers import page_client


def test_staff_see_the_pairs_signals_with_the_flagged_words_highlighted(staff, file_complaint, push_messages):
    """RULES 2.2: what the platform's own screening saw, explained by its spans."""
    case = file_complaint()
    push_messages(("M1", "seller_wang", "buyer_li", "不删差评就上门砍死你<b>"))
    signal = RiskSignal.objects.get(message__external_id="M1", kind="threat")
    page = page_client(staff).get(f"/staff/cases/{case['id']}/").content.decode()
    assert 'id="signals"' in page and "threats" in page
    assert "<mark" in page and "&lt;b&gt;" in page  # highlighted, the rest escaped
    assert signal.detail and "M1" in page


def test_staff_see_contact_patterns_with_their_counts(staff, file_complaint):
    import json

    from django.utils import timezone
    case = Complaint.objects.get(pk=file_complaint()["id"])
    now = timezone.now()
    RiskSignal.objects.create(actor=case.respondent, target=case.complainant, source="contacts", kind="burst",
                              score=0.9, detail=json.dumps({"counts": {"burst": 7}}), first_at=now, last_at=now)
    page = page_client(staff).get(f"/staff/cases/{case.pk}/").content.decode()
    assert "many contacts in a short time" in page and "most contacts in one window" in page and "<b>7</b>" in page


def test_staff_open_a_case_on_the_platforms_motion_from_a_strong_pair(staff, buyer, make_trade, push_messages):
    make_trade()
    push_messages(("M1", "seller_wang", "buyer_li", "不删差评就上门砍死你，等着收棺材"))
    client = page_client(staff)
    listing = client.get("/staff/risk/pairs/").content.decode()
    assert "seller_wang" in listing and "buyer_li" in listing and 'action="/staff/risk/cases/"' in listing
    assert "<mark" in listing and "threats" in listing  # why the pair is listed
    response = client.post("/staff/risk/cases/", {"seller": "seller_wang", "buyer": "buyer_li",
                                                  "reason": "平台监测到威胁消息"})
    case = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/cases/{case.pk}/"
    assert (case.entry, case.complainant.username) == ("platform", "buyer_li")
    assert "seller_wang" not in client.get("/staff/risk/pairs/").content.decode()  # now covered


def test_opening_a_case_without_signals_is_refused_beside_the_form(staff, buyer, seller, make_trade, push_messages):
    make_trade()
    push_messages(("M1", "seller_wang", "buyer_li", "不删差评就上门砍死你，等着收棺材"))
    response = page_client(staff).post("/staff/risk/cases/", {"seller": "buyer_li", "buyer": "seller_wang",
                                                              "reason": "反过来试试"})
    assert response.status_code == 422
    assert "nothing between these two members" in response.content.decode()
    assert not Complaint.objects.exists()


def test_the_detect_pages_do_not_exist_for_members(buyer, seller, make_trade):
    make_trade()
    for url in ("/staff/risk/pairs/", "/staff/malicious/"):
        assert page_client(seller).get(url).status_code == 404
    assert page_client(buyer).post("/staff/risk/cases/", {"seller": "seller_wang", "buyer": "buyer_li",
                                                         "reason": "x"}).status_code == 404


def test_staff_decide_a_malicious_behaviour_complaint(staff, seller, malicious_case):
    """RULES 9.5: verified and decided; established says what the platform did."""
    case = malicious_case()
    client = page_client(staff)
    assert f"/staff/malicious/{case['id']}/" in client.get("/staff/malicious/").content.decode()
    page = client.get(f"/staff/malicious/{case['id']}/").content.decode()
    assert "买家差评后索要红包" in page and 'name="platform_actions"' in page
    assert "给我转账200，不然差评" in page  # the IM evidence number is resolved to its messages
    response = client.post(f"/staff/malicious/{case['id']}/", {"established": "yes", "reason": "聊天记录证实索要红包",
                                                               "platform_actions": ["account_penalised"]})
    assert response.status_code == 302
    found = MaliciousComplaint.objects.get(pk=case["id"])
    assert found.state == "established" and "account_penalised" in found.platform_actions
    assert "the buyer&#x27;s account was penalised" in client.get(f"/staff/malicious/{case['id']}/").content.decode()


def test_a_malicious_complaint_decision_without_a_reason_is_refused_and_kept(staff, malicious_case):
    case = malicious_case()
    response = page_client(staff).post(f"/staff/malicious/{case['id']}/", {"established": "no", "reason": " "})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Give the reason for the decision." in page and 'value="no" id="est-no" checked' in page
    assert MaliciousComplaint.objects.get(pk=case["id"]).state == "awaiting_verification"


def test_an_unknown_malicious_complaint_is_404(staff, seller, malicious_case):
    case = malicious_case()
    assert page_client(staff).get(f"/staff/malicious/{case['id'] + 99}/").status_code == 404
    assert page_client(seller).get(f"/staff/malicious/{case['id']}/").status_code == 404


def test_opening_a_case_without_a_reason_is_refused_beside_the_pairs_form(staff, buyer, make_trade, push_messages):
    make_trade()
    push_messages(("M1", "seller_wang", "buyer_li", "不删差评就上门砍死你，等着收棺材"))
    response = page_client(staff).post("/staff/risk/cases/", {"seller": "seller_wang", "buyer": "buyer_li",
                                                              "reason": "  "})
    assert response.status_code == 422
    page = response.content.decode()
    pair = page[page.index('id="pair-1"'):]
    assert 'role="alert"' in pair[:pair.index("</form>")]  # beside that pair's form
    assert not Complaint.objects.exists()
