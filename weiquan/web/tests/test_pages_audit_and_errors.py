"""The staff audit trail in words (labels, state names, data as pairs), and errors as
translated pages: the privacy waybill when no virtual number is free, 404, 403, 500."""

import pytest
from django.test import Client
from django.views import defaults

from weiquan.complaints.models import Complaint

from .helpers import page_client


def _decided(file_complaint, seller, staff):
    case = file_complaint()
    seller.post(f"/complaints/{case['id']}/answer", {"choice": "B", "explanation": "没有骚扰"})
    staff.post(f"/complaints/{case['id']}/decision", {"established": True, "tier": "serious", "reason": "证据充分",
                                                     "behaviours_found": ["abuse"]})
    return Complaint.objects.get(pk=case["id"])


def _trail(html):
    return html.split('<summary>', 1)[1].split("</details>", 1)[0]


def test_the_staff_audit_trail_reads_as_words_in_chinese(file_complaint, seller, staff):
    case = _decided(file_complaint, seller, staff)
    trail = _trail(page_client(staff, "zh-hans").get(f"/staff/cases/{case.pk}/").content.decode())
    assert "提交投诉" in trail  # complaint.filed
    assert "等待卖家申辩" in trail  # awaiting_answer by its name
    assert "辱骂" in trail  # the behaviour abuse by its label
    assert "证据充分" in trail  # the reason, as typed
    assert '{"' not in trail and "awaiting_answer" not in trail and "behaviours_found" not in trail


def test_the_staff_audit_trail_in_english(file_complaint, seller, staff):
    case = _decided(file_complaint, seller, staff)
    trail = _trail(page_client(staff).get(f"/staff/cases/{case.pk}/").content.decode())
    assert "Complaint filed" in trail and "Decision made" in trail
    assert "awaiting the seller&#x27;s answer" in trail or "awaiting the seller's answer" in trail
    assert "<dt>behaviours found</dt><dd>cursing and insults</dd>" in trail
    assert "<dt>tier</dt><dd>serious</dd>" in trail
    assert "<dt>answer</dt>" in trail and "B: I did not do it" in trail


def test_no_free_virtual_number_is_a_translated_page_with_a_way_back(platform, seller, file_complaint):
    case = file_complaint()  # the pool is empty
    client = page_client(seller, "zh-hans")
    referer = f"http://testserver/cases/{case['id']}/"
    response = client.get("/seller/orders/T1001/waybill.pdf", HTTP_REFERER=referer)
    assert response.status_code == 503 and response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "<!doctype html>" in html and "暂无可用的虚拟号，请稍后再试。" in html
    assert f'href="{referer}"' in html and 'href="/"' in html
    # A referer from elsewhere is not offered as the way back.
    elsewhere = client.get("/seller/orders/T1001/waybill.pdf", HTTP_REFERER="https://evil.example/").content.decode()
    assert "evil.example" not in elsewhere
    # The API keeps its JSON error.
    api = seller.get("/trades/T1001/waybill.pdf")
    assert api.status_code == 503 and api.json()["code"] == "pool_exhausted"


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]


def test_a_missing_page_is_a_translated_404_page(production, buyer, stranger, file_complaint):
    case = file_complaint()
    response = page_client(stranger, "zh-hans").get(f"/cases/{case['id']}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and 'href="/"' in html and "Not Found" not in html
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/no-such-page/")
    assert english.status_code == 404 and "Page not found" in english.content.decode()
    staff_only = page_client(buyer, "zh-hant").get("/staff/")
    assert staff_only.status_code == 404 and "頁面不存在" in staff_only.content.decode()


def test_forbidden_is_a_translated_403_page(production, rf, buyer):
    from django.core.exceptions import PermissionDenied
    from django.utils import translation

    request = rf.get("/")
    request.user = buyer.member
    with translation.override("zh-hans"):
        response = defaults.permission_denied(request, PermissionDenied())
    assert response.status_code == 403 and "无权操作" in response.content.decode()
    # A form posted without its CSRF token: the expired-form page, not Django's English one.
    client = page_client(buyer, "zh-hans")
    client.handler.enforce_csrf_checks = True
    posted = client.post("/privacy/", {})
    assert posted.status_code == 403 and "表单已过期" in posted.content.decode()


def test_a_server_error_is_a_translated_500_page(production, rf):
    from django.utils import translation

    with translation.override("zh-hans"):
        response = defaults.server_error(rf.get("/"))
    assert response.status_code == 500 and "出错了" in response.content.decode()
