"""Buyers, detect and prevent (issue 6 §3; RULES 3.3, 10.2, 10.3): complaining with the
harmful message attached, the privacy check and contact preferences."""

from weiquan.complaints.models import Complaint
from weiquan.relay.models import ContactProfile
from weiquan.trades.models import ImEvidenceNumber

from .helpers import page_client

THREAT = "再不改评价就曝光你信息"
DETAILS = {
    "real_name": "李小明", "phone": "13800138000", "phone_is_dedicated": False,
    "addresses": [{"label": "home", "kind": "home", "province": "浙江省", "city": "杭州市",
                   "district": "西湖区", "street": "文三路100号", "building": "3幢", "unit": "2单元",
                   "room": "501室", "postcode": "310012", "is_default": True}],
}


def test_the_buyer_complains_from_the_inbox_with_the_harmful_message_attached(buyer, make_trade, push_messages):
    """Issue 6 §3; RULES 3.3: the message becomes an IM evidence number on the case."""
    make_trade()
    push_messages(("M1", "seller_wang", "buyer_li", THREAT))
    client = page_client(buyer)
    inbox = client.get("/inbox/").content.decode()
    assert "/messages/M1/complain/" in inbox and THREAT in inbox
    opened = client.get("/messages/M1/complain/")
    assert opened["Location"] == "/complain/T1001/order_list/?message_ids=M1"
    form = client.get(opened["Location"]).content.decode()
    assert THREAT in form and 'name="message_ids" value="M1"' in form
    response = client.post("/complain/T1001/order_list/", {"behaviours": ["threat"], "reason": "卖家威胁曝光我",
                                                           "relation": "self", "message_ids": ["M1"]})
    assert response.status_code == 302
    case = Complaint.objects.get()
    evidence = case.evidence.get()
    assert evidence.kind == "im_evidence_number"
    assert [m.external_id for m in ImEvidenceNumber.objects.get(number=evidence.reference).messages.all()] == ["M1"]
    assert THREAT in client.get(f"/cases/{case.pk}/").content.decode()


def test_a_refused_filing_keeps_the_message_attached(buyer, make_trade, push_messages):
    make_trade()
    push_messages(("M1", "seller_wang", "buyer_li", THREAT))
    response = page_client(buyer).post("/complain/T1001/order_list/", {"behaviours": [], "reason": "卖家威胁我",
                                                                       "relation": "self", "message_ids": ["M1"]})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Choose at least one behaviour." in page and THREAT in page and "卖家威胁我" in page
    assert not Complaint.objects.exists()


def test_someone_elses_message_is_not_shown_nor_attached(buyer, stranger, make_trade, push_messages):
    make_trade()
    push_messages(("M1", "seller_wang", "stranger_zhao", "私信：" + THREAT))
    client = page_client(buyer)
    assert client.get("/messages/M1/complain/").status_code == 404
    form = client.get("/complain/T1001/order_list/?message_ids=M1").content.decode()
    assert "私信" not in form and 'name="message_ids"' not in form


def test_the_privacy_check_names_what_gives_too_much_away(platform, buyer):
    """RULES 10.2: home address, flat number, real name, everyday phone, postcode."""
    assert platform.put("/members/buyer_li/contact-details", DETAILS).status_code == 200
    page = page_client(buyer).get("/privacy/").content.decode()
    for code in ("real_name", "everyday_phone", "home_address", "flat_number", "postcode"):
        assert f'data-code="{code}"' in page
    assert "3幢" in page and "501室" not in page  # the address is shown to the building only


def test_the_buyer_chooses_messages_only_and_a_bad_choice_is_refused(buyer):
    """RULES 10.3: prefer IM."""
    client = page_client(buyer)
    assert client.post("/privacy/", {"channels": ["im"], "timezone": "Asia/Shanghai"}).status_code == 302
    profile = ContactProfile.objects.get(member=buyer.member)
    assert profile.allowed_channels == ["im"] and profile.timezone == "Asia/Shanghai"
    refused = client.post("/privacy/", {"channels": ["im"], "timezone": "Mars/Olympus"})
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "Unknown time zone." in page and 'value="Mars/Olympus"' in page
    assert ContactProfile.objects.get(member=buyer.member).timezone == "Asia/Shanghai"
