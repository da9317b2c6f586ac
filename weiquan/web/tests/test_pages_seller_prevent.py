"""Sellers, prevent (RULES 10.2, 10.3): the buyer's masked contact beside the contact
etiquette, and the privacy waybill, on the seller's case and warning pages."""

from weiquan.members.models import Member

from .helpers import page_client

DETAILS = {
    "real_name": "李小明", "phone": "13800138000", "phone_is_dedicated": False,
    "addresses": [{"label": "home", "kind": "home", "province": "浙江省", "city": "杭州市",
                   "district": "西湖区", "street": "文三路100号", "building": "3幢", "unit": "2单元",
                   "room": "501室", "postcode": "310012", "is_default": True}],
}


def _details_and_pool(platform):
    Member.objects.filter(username="buyer_li").update(nickname="小李子")
    assert platform.put("/members/buyer_li/contact-details", DETAILS).status_code == 200
    assert platform.put("/relay/pool", {"numbers": ["17000000001"]}).status_code == 200


def test_the_seller_sees_the_masked_contact_beside_the_etiquette(platform, seller, file_complaint):
    """RULES 10.2: nickname, virtual number, address to the building; RULES 10.3 beside it."""
    case = file_complaint()
    _details_and_pool(platform)
    page = page_client(seller).get(f"/cases/{case['id']}/").content.decode()
    assert "小李子" in page and "17000000001" in page and "3幢" in page
    assert "李小明" not in page and "13800138000" not in page and "501室" not in page
    assert "never at night" in page and "/seller/orders/T1001/waybill.pdf" in page


def test_the_privacy_waybill_is_a_pdf_for_the_trades_seller_only(platform, seller, stranger, buyer, file_complaint):
    file_complaint()
    _details_and_pool(platform)
    response = page_client(seller).get("/seller/orders/T1001/waybill.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert page_client(stranger).get("/seller/orders/T1001/waybill.pdf").status_code == 404
    assert page_client(buyer).get("/seller/orders/T1001/waybill.pdf").status_code == 404


def test_no_free_virtual_number_is_said_on_the_page(platform, seller, file_complaint):
    """The pool is empty: the page says so and still shows the etiquette."""
    case = file_complaint()
    page = page_client(seller).get(f"/cases/{case['id']}/").content.decode()
    assert "No virtual number is free" in page and "never at night" in page


def test_the_buyer_sees_no_masked_contact_card(platform, buyer, file_complaint):
    case = file_complaint()
    _details_and_pool(platform)
    page = page_client(buyer).get(f"/cases/{case['id']}/").content.decode()
    assert "17000000001" not in page and "waybill.pdf" not in page


def test_the_warning_page_shows_the_masked_contact_to_the_owner(platform, seller, protected, raise_warning):
    _details_and_pool(platform)
    warning = raise_warning()
    page = page_client(seller).get(f"/seller/warnings/{warning['id']}/").content.decode()
    assert "小李子" in page and "17000000001" in page and "501室" not in page
