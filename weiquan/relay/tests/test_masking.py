"""Masked contact details: nickname, virtual number, address to the building; the privacy
waybill; the buyer's privacy check (RULES 10.2)."""

import datetime
import io
import re

import pytest
from django.utils import timezone

from weiquan.members.models import Member

from .conftest import local

DETAILS = {
    "real_name": "李小明", "phone": "13800138000", "phone_is_dedicated": False,
    "addresses": [{"label": "home", "kind": "home", "province": "浙江省", "city": "杭州市",
                   "district": "西湖区", "street": "文三路100号", "building": "3幢", "unit": "2单元",
                   "room": "501室", "postcode": "310012", "is_default": True}],
}


@pytest.fixture
def details(platform, buyer):
    Member.objects.filter(username="buyer_li").update(nickname="小李子")
    response = platform.put("/members/buyer_li/contact-details", DETAILS)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def pool(platform):
    def load(*numbers):
        response = platform.put("/relay/pool", {"numbers": list(numbers)})
        assert response.status_code == 200, response.content
        return response.json()

    return load


def pdf_text(pdf):
    """The text drawn on the (uncompressed) page: UTF-16 strings of the CJK CID font."""
    def unescape(match):
        code = match.group(1)
        return bytes([int(code, 8)]) if code[:1].isdigit() else code

    return "\n".join(
        re.sub(rb"\\([0-7]{1,3}|.)", unescape, raw).decode("utf-16-be")
        for raw in re.findall(rb"\((.*?)\) Tj", pdf, re.S)
    )


def ago(days):
    return (timezone.now() - datetime.timedelta(days=days)).isoformat()


def test_the_buyer_sees_its_own_details_and_only_the_platform_pushes_them(details, buyer, seller):
    own = buyer.get("/me/contact-details").json()
    assert own["real_name"] == "李小明" and own["addresses"][0]["room"] == "501室"
    assert seller.put("/members/buyer_li/contact-details", DETAILS).status_code == 403
    assert seller.get("/me/contact-details").json()["real_name"] == ""


def test_the_seller_sees_a_nickname_a_virtual_number_and_the_building(details, pool, make_trade, seller, stranger):
    pool("17000000001")
    make_trade()
    response = seller.get("/trades/T1001/buyer-contact")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["buyer_nickname"] == "小李子"
    assert body["virtual_number"] == "17000000001"
    assert body["address"] == "浙江省 杭州市 西湖区 文三路100号 3幢"
    raw = response.content.decode()
    for secret in ("李小明", "13800138000", "501室", "2单元", "310012"):
        assert secret not in raw
    # 15 days after the trade succeeded (2 days ago), per the rulebook.
    expires = datetime.datetime.fromisoformat(body["virtual_number_expires_at"])
    assert datetime.timedelta(days=12) < expires - timezone.now() < datetime.timedelta(days=13, hours=1)
    # The same binding on a second look; nobody else's trade.
    assert seller.get("/trades/T1001/buyer-contact").json()["virtual_number"] == "17000000001"
    assert stranger.get("/trades/T1001/buyer-contact").status_code == 404


def test_the_virtual_number_relays_only_the_two_parties_through_the_gate(
    details, pool, make_trade, platform, gate_backend
):
    pool("17000000001")
    make_trade(buyer_review="positive")
    from weiquan.relay.services import buyer_contact_for_seller

    buyer_contact_for_seller(Member.objects.get(username="seller_wang"), "T1001")

    def connect(caller, at=None, expect=200):
        response = platform.post("/relay/connect", {"virtual_number": "17000000001", "caller": caller,
                                                    "channel": "call", "at": (at or local()).isoformat()})
        assert response.status_code == expect, response.content
        return response.json()

    call = connect("seller_wang")
    assert (call["decision"], call["callee"], call["callee_phone"]) == ("allow", "buyer_li", "13800138000")
    assert connect("buyer_li")["callee"] == "seller_wang"
    assert connect("stranger_zhao", expect=404)["code"] == "binding_unknown"
    night = connect("seller_wang", at=local(hour=23))
    assert (night["decision"], night["reason"], night["callee_phone"]) == ("deny", "quiet_hours", "")
    # 14 days later the binding (15 days after success 2 days ago) is over: it connects nobody.
    assert connect("seller_wang", at=local(days=14), expect=404)["code"] == "binding_expired"
    assert connect("seller_wang", expect=404)["code"] == "binding_unknown"  # released


def test_bindings_are_released_and_the_number_reused_for_another_trade(
    details, pool, make_trade, platform, seller, gate_backend
):
    from conftest import Api, make_member

    pool("17000000001")
    make_trade("T1001", buyer_review="positive")
    assert seller.get("/trades/T1001/buyer-contact").json()["virtual_number"] == "17000000001"
    other_seller = Api(make_member("seller_chen"))
    make_trade("T2002", seller="seller_chen", store="陈家铺子", buyer_review="positive")
    response = other_seller.get("/trades/T2002/buyer-contact")
    assert response.status_code == 503 and response.json()["code"] == "pool_exhausted"
    # The first trade ended 20 days ago after all (the marketplace corrects it): released.
    make_trade("T1001", buyer_review="positive", succeeded_at=ago(20))
    assert seller.get("/trades/T1001/buyer-contact").json()["virtual_number"] is None
    assert other_seller.get("/trades/T2002/buyer-contact").json()["virtual_number"] == "17000000001"
    # The old trade's seller dialling the reused number reaches nobody; the new one its buyer.
    response = platform.post("/relay/connect", {"virtual_number": "17000000001", "caller": "seller_wang",
                                                "at": local().isoformat()})
    assert response.status_code == 404 and response.json()["code"] == "binding_unknown"
    response = platform.post("/relay/connect", {"virtual_number": "17000000001", "caller": "seller_chen",
                                                "at": local().isoformat()})
    assert response.json()["callee"] == "buyer_li"


def test_expired_bindings_are_released_in_one_sweep(details, pool, make_trade, seller):
    """The worker's job (weiquan.worker.jobs.run_pass calls it; so does `manage.py relay_drain`)."""
    from django.core.management import call_command

    from weiquan.relay.models import Binding
    from weiquan.relay.services import release_expired_bindings

    pool("17000000001")
    make_trade(buyer_review="positive", succeeded_at=ago(10))
    seller.get("/trades/T1001/buyer-contact")
    call_command("relay_drain", stdout=io.StringIO())
    assert Binding.objects.get().released_at is None  # 5 days left
    assert release_expired_bindings(timezone.now() + datetime.timedelta(days=6)) == 1
    assert Binding.objects.get().released_at is not None


def test_the_privacy_waybill_is_a_pdf_with_nothing_more_revealed(details, pool, make_trade, seller, stranger):
    pool("17000000001")
    make_trade()
    response = seller.get("/trades/T1001/waybill.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF") and b"STSong-Light" in pdf
    text = pdf_text(pdf)
    assert "小李子" in text and "17000000001" in text and "浙江省 杭州市 西湖区 文三路100号 3幢" in text
    for secret in ("13800138000", "310012", "501", "2单元", "李小明"):
        assert secret not in text
    assert stranger.get("/trades/T1001/waybill.pdf").status_code == 404


def test_the_privacy_check_points_out_each_risk_with_its_fix(details, buyer, platform):
    findings = buyer.get("/me/privacy-check").json()["findings"]
    assert sorted(f["code"] for f in findings) == [
        "everyday_phone", "flat_number", "home_address", "postcode", "real_name"]
    home = next(f for f in findings if f["code"] == "home_address")
    assert home["subject"] == "address:home" and "company" in home["fix"]
    # Following the advice clears the findings.
    platform.put("/members/buyer_li/contact-details", {
        "real_name": "", "phone": "17100000000", "phone_is_dedicated": True,
        "addresses": [{"label": "work", "kind": "company", "province": "浙江省", "city": "杭州市",
                       "district": "西湖区", "street": "文三路100号", "building": "A座"}]})
    assert buyer.get("/me/privacy-check").json()["findings"] == []
    # Translatable: the same check in Chinese.
    zh = buyer.get("/me/privacy-check", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert zh.status_code == 200
