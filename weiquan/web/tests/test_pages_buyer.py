"""Buyer pages: both entry paths (RULES 3.2), eligibility before the form (RULES 3.1),
the filing form (RULES 2.2, 3.3), the case page and its guidance (RULES 10.1, 10.4)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from weiquan.complaints.models import Complaint, Evidence

from .helpers import page_client, png_upload

FORM = {"behaviours": ["frequent_contact", "threat"], "reason": "差评后卖家每晚打电话威胁我", "kind_1": "sms_photo"}


def test_sign_in_page_is_translated_and_signs_in(client, buyer, db):
    buyer.member.set_password("pw-12345678")
    buyer.member.save()
    zh = client.get("/login/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "登录" in zh.content.decode()
    en = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Sign in" in en.content.decode() and 'for="id_username"' in en.content.decode()
    bad = client.post("/login/", {"username": "buyer_li", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "not right" in bad.content.decode()
    good = client.post("/login/", {"username": "buyer_li", "password": "pw-12345678"})
    assert good.status_code == 302
    assert client.get("/", follow=True).request["PATH_INFO"] == "/cases/"
    assert client.post("/logout/").status_code == 302
    assert client.get("/cases/").status_code == 302  # back to sign-in


def test_language_switcher_sets_the_language(client, db):
    response = client.post("/i18n/setlang/", {"language": "zh-hant", "next": "/login/"}, follow=True)
    assert "登入" in response.content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"}, follow=True)
    assert "Sign in" in response.content.decode()


def test_pages_need_a_signed_in_member_and_staff_pages_need_staff(client, buyer, db):
    assert client.get("/orders/").status_code == 302
    assert page_client(buyer).get("/staff/").status_code == 404
    assert page_client(buyer).get("/staff/dashboard/").status_code == 404


@pytest.mark.parametrize("entry, steps", [
    ("order_list", ["/orders/", "/orders/T1001/", "/orders/T1001/complain/"]),
    ("rights_centre", ["/rights/", "/rights/start/", "/rights/start/T1001/"]),
])
def test_both_entry_paths_lead_to_the_same_filing_with_the_entry_recorded(buyer, make_trade, entry, steps):
    """RULES 3.2: 我的淘宝 → 已买到的宝贝 → 投诉卖家 → 恶意骚扰维权, and 消费者维权中心 →
    我要发起维权 → pick the order → 投诉维权 → 恶意骚扰."""
    make_trade("T1001")
    client = page_client(buyer, "zh-hans")
    for url in steps:
        assert client.get(url).status_code == 200, url
    form_url = f"/complain/T1001/{entry}/"
    assert form_url in client.get(steps[-1]).content.decode()
    form = client.get(form_url).content.decode()
    assert "恶意骚扰" in form and 'name="behaviours"' in form
    response = client.post(form_url, {**FORM, "file_1": png_upload()})
    assert response.status_code == 302
    case = Complaint.objects.get()
    assert case.entry == entry
    assert response["Location"] == f"/cases/{case.pk}/"
    assert Evidence.objects.filter(complaint=case, blob__content_type="image/png").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert f"/cases/{case.pk}/evidence/" in page  # the picture is inline, through our view
    assert "110" in page  # a threat: the police come first (RULES 10.1)


@pytest.mark.parametrize("overrides, code", [
    ({"channel": "tmall"}, "channel_excluded"),
    ({"status": "shipped", "succeeded_at": None}, "trade_not_successful"),
    ({"buyer_review": "positive"}, "review_required"),
])
def test_an_order_that_cannot_be_complained_about_says_why_before_the_form(buyer, make_trade, overrides, code):
    """RULES 3.1, with the same codes and messages as the API."""
    from weiquan.complaints.services import ELIGIBILITY_MESSAGES

    make_trade("T2", **overrides)
    client = page_client(buyer)
    for menu in ("/orders/T2/complain/", "/rights/start/T2/"):  # said already where the path starts
        assert f'data-code="{code}"' in client.get(menu).content.decode()
        assert "/complain/T2/" not in client.get(menu).content.decode()
    page = client.get("/complain/T2/order_list/").content.decode()
    assert f'data-code="{code}"' in page
    assert str(ELIGIBILITY_MESSAGES[code]).replace("'", "&#x27;") in page
    assert 'name="reason"' not in page


def test_someone_elses_order_and_case_are_404(buyer, stranger, file_complaint):
    case = file_complaint()
    other = page_client(stranger)
    assert other.get("/orders/T1001/").status_code == 404
    assert other.get("/complain/T1001/order_list/").status_code == 404
    assert other.get(f"/cases/{case['id']}/").status_code == 404
    item = Evidence.objects.create(complaint_id=case["id"], kind="other", submitted_by=buyer.member)
    assert other.get(f"/cases/{case['id']}/evidence/{item.pk}/file").status_code == 404


def test_a_bad_upload_files_nothing_and_keeps_what_was_typed(buyer, make_trade):
    make_trade("T1001")
    client = page_client(buyer)
    bad = SimpleUploadedFile("notes.txt", b"just some text", content_type="image/png")
    response = client.post("/complain/T1001/order_list/", {**FORM, "file_1": bad, "note_1": "第一张"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Only JPEG, PNG or WebP pictures and PDF files are accepted." in page
    assert FORM["reason"] in page and "第一张" in page
    assert 'value="threat" id="b-threat" checked' in page
    assert Complaint.objects.count() == 0  # the filing was rolled back with the upload


def test_a_missing_field_is_shown_beside_the_form(buyer, make_trade):
    make_trade("T1001")
    response = page_client(buyer).post("/complain/T1001/order_list/", {"reason": "打电话骂人"})
    assert "Choose at least one behaviour." in response.content.decode()
    assert "打电话骂人" in response.content.decode()


def test_a_double_submit_says_the_complaint_exists_and_links_to_it(buyer, make_trade):
    make_trade("T1001")
    client = page_client(buyer)
    first = client.post("/complain/T1001/order_list/", FORM)
    case = Complaint.objects.get()
    second = client.post("/complain/T1001/order_list/", FORM)
    page = second.content.decode()
    assert second.status_code == 422
    assert "You already have an open harassment complaint about this trade." in page
    assert f"/cases/{case.pk}/" in page and first.status_code == 302
    assert Complaint.objects.count() == 1


def test_the_case_page_shows_who_acts_next_the_timeline_and_guidance(buyer, file_complaint):
    case = file_complaint()
    page = page_client(buyer).get(f"/cases/{case['id']}/").content.decode()
    assert "The seller" in page and "data-deadline=" in page  # the live countdown
    assert "Complaint filed" in page  # the timeline from the audit trail
    assert "Keep every chat, SMS and call record" in page  # RULES 10.1
    assert "Beijing time" in page


def test_withdrawing_closes_the_case_and_then_shows_outside_help(buyer, file_complaint):
    """RULES 4.3, 10.4: after a withdrawal the routes beyond the platform are shown."""
    case = file_complaint()
    client = page_client(buyer)
    assert client.post(f"/cases/{case['id']}/withdraw/").status_code == 302
    page = client.get(f"/cases/{case['id']}/").content.decode()
    assert "12315" in page and "110" in page
    again = client.post(f"/cases/{case['id']}/withdraw/")
    assert again.status_code == 409
    assert "This complaint has already been withdrawn." in again.content.decode()


def test_times_are_shown_in_asia_shanghai(buyer, make_trade):
    import datetime

    from django.utils import timezone

    make_trade("T1001", succeeded_at=datetime.datetime(2026, 1, 1, 16, 30, tzinfo=datetime.UTC).isoformat())
    page = page_client(buyer).get("/orders/T1001/").content.decode()
    assert "2026-01-02 00:30" in page
    assert timezone.get_current_timezone_name() == "Asia/Shanghai"


def test_an_im_evidence_number_is_resolved_to_the_messages(platform, buyer, file_complaint):
    case = file_complaint()
    platform.post("/messages", {"messages": [{"id": "m1", "sender": "seller_wang", "recipient": "buyer_li",
                                              "trade_id": "T1001", "text": "不改差评就上门找你",
                                              "sent_at": "2026-11-20T12:00:00+08:00"}]})
    number = buyer.post("/evidence-numbers", {"message_ids": ["m1"]}).json()["number"]
    client = page_client(buyer)
    assert client.post(f"/cases/{case['id']}/evidence/", {"im_number": number}).status_code == 302
    page = client.get(f"/cases/{case['id']}/").content.decode()
    assert number in page and "不改差评就上门找你" in page
    bad = client.post(f"/cases/{case['id']}/evidence/", {"im_number": "IMNOPE", "note": "聊天"})
    assert "This IM evidence number is not known." in bad.content.decode()
    assert "聊天" in bad.content.decode()


def test_the_inbox_shows_notifications_in_the_readers_language(buyer, seller, file_complaint):
    case = file_complaint()
    client = page_client(seller, "zh-hans")
    assert ">1</span>" in client.get("/seller/complaints/").content.decode()  # one unread
    inbox = client.get("/inbox/").content.decode()
    assert "T1001" in inbox and f"/cases/{case['id']}/" in inbox
    client.post("/inbox/")
    assert seller.member.notifications.filter(read_at__isnull=True).count() == 0


def test_forms_need_the_csrf_token(buyer, make_trade):
    from django.test import Client

    make_trade("T1001")
    client = Client(enforce_csrf_checks=True)
    client.force_login(buyer.member)
    response = client.post("/complain/T1001/order_list/", {"behaviours": ["abuse"], "reason": "x"})
    assert response.status_code == 403
