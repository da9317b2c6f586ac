"""Seller pages, protect: files as evidence when confirming a warning and filing a
malicious-behaviour complaint (RULES 9.2, 9.5), downloadable by the store's side and
staff only; the platform's finding shown on the warning (RULES 9.5)."""

from weiquan.warnings.models import MaliciousComplaint, MaliciousComplaintEvidence, WarningEvidence

from .helpers import page_client, png_upload


def test_confirming_a_warning_with_a_photo_on_the_page(seller, staff, stranger, agency, protected,
                                                        raise_warning):
    # RULES 9.2: a type that needs evidence is confirmed with a photo of the empty parcel.
    warning = raise_warning("T1001", type="malicious_return")
    client = page_client(seller)
    form = client.get(f"/seller/warnings/{warning['id']}/").content.decode()
    assert 'enctype="multipart/form-data"' in form and 'type="file"' in form
    done = client.post(f"/seller/warnings/{warning['id']}/confirm/",
                       {"kind": "item_photo", "note": "空箱", "file": png_upload("parcel.png")})
    assert done.status_code == 302
    row = WarningEvidence.objects.get(warning_id=warning["id"])
    assert row.blob_id and row.original_name == "parcel.png" and row.note == "空箱"
    url = f"/seller/warnings/{warning['id']}/evidence/{row.pk}/file"
    assert url in client.get(f"/seller/warnings/{warning['id']}/").content.decode()
    got = client.get(url)
    assert got.status_code == 200 and got["Content-Type"] == "image/png"
    assert page_client(staff).get(url).status_code == 200
    assert page_client(stranger).get(url).status_code == 404
    assert page_client(agency).get(url).status_code == 404  # no handle_warnings right (RULES 1.3)
    seller.put(f"/stores/{protected}/agencies/agency_yun", {"rights": ["handle_warnings"]})
    assert page_client(agency).get(url).status_code == 200


def test_filing_a_malicious_complaint_with_a_screenshot_on_the_page(seller, staff, stranger, protected,
                                                                     raise_warning):
    warning = raise_warning("T1001", type="platform_risk")
    client = page_client(seller)
    form = client.get(f"/seller/malicious/?trade_id=T1001&warning_id={warning['id']}").content.decode()
    assert 'enctype="multipart/form-data"' in form and 'name="file"' in form
    done = client.post("/seller/malicious/", {"trade_id": "T1001", "warning_id": warning["id"],
                                              "reason": "差评后索要红包", "kind": "im_screenshot",
                                              "file": png_upload("chat.png")})
    assert done.status_code == 302
    case = MaliciousComplaint.objects.get()
    row = MaliciousComplaintEvidence.objects.get(complaint=case)
    url = f"/seller/malicious/{case.pk}/evidence/{row.pk}/file"
    assert url in client.get("/seller/malicious/").content.decode()
    assert client.get(url).status_code == 200
    assert page_client(stranger).get(url).status_code == 404
    staff_client = page_client(staff)
    assert url in staff_client.get(f"/staff/malicious/{case.pk}/").content.decode()
    assert staff_client.get(url).status_code == 200


def test_the_platforms_finding_shows_in_the_judged_list(seller, staff, protected, raise_warning):
    # RULES 9.5: staff established the complaint made from the warning.
    warning = raise_warning("T1001", type="platform_risk")
    case = seller.post("/malicious-complaints", {
        "trade_id": "T1001", "warning_id": warning["id"], "reason": "差评后索要红包",
        "evidence": [{"kind": "other", "note": "聊天截图"}]}).json()
    staff.post(f"/malicious-complaints/{case['id']}/decision",
               {"established": True, "reason": "属实", "platform_actions": ["metrics_cleaned"]})
    client = page_client(seller)
    judged = client.get(f"/seller/stores/{protected}/warnings/?list=judged").content.decode()
    assert "T1001" in judged and "confirmed by the platform" in judged
    assert "the platform established malicious behaviour" in judged
    detail = client.get(f"/seller/warnings/{warning['id']}/").content.decode()
    assert "The platform&#x27;s finding" in detail or "The platform's finding" in detail
