"""Files as evidence for warnings and malicious-behaviour complaints (RULES 9.2, 9.5):
photos of an empty parcel and chat screenshots, taken in through the one evidence intake
(type-checked, metadata stripped, stored by SHA-256) and shown only to the store's side
(owner, agency with `handle_warnings`, RULES 1.3) and staff."""

import hashlib
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from weiquan.audit.models import AuditEntry
from weiquan.warnings.models import MaliciousComplaintEvidence, WarningEvidence

pytestmark = pytest.mark.django_db


def jpeg_with_gps():
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def photo(name="parcel.jpg", data=None):
    return SimpleUploadedFile(name, data or jpeg_with_gps(), content_type="image/jpeg")


def test_confirming_a_warning_with_a_photo_and_an_evidence_number(
    seller, staff, stranger, agency, protected, raise_warning, evidence_number, settings
):
    # RULES 9.2: "confirm risk (submit evidence ...)" — a photo of the empty parcel counts.
    warning = raise_warning("T1001", type="malicious_return")
    assert warning["evidence_required"]
    number = evidence_number(seller)
    response = seller.upload(f"/warnings/{warning['id']}/confirm", {
        "note": "空包退货",
        "evidence": json.dumps([
            {"kind": "item_photo", "file": "parcel", "note": "退回的空箱"},
            {"kind": "im_evidence_number", "reference": number},
        ]),
        "parcel": photo(),
    })
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "confirmed"
    item, chat = body["evidence"]
    assert item["kind"] == "item_photo" and item["original_name"] == "parcel.jpg"
    assert item["content_type"] == "image/jpeg" and item["note"] == "退回的空箱"
    assert chat["kind"] == "im_evidence_number" and chat["file_url"] is None
    row = WarningEvidence.objects.get(pk=item["id"])
    stored = (settings.MEDIA_ROOT / "evidence" / row.blob_id[:2] / row.blob_id).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == row.blob_id
    assert b"PhoneMaker" not in stored and b"GPS" not in stored  # metadata stripped
    entry = AuditEntry.objects.get(action="warning.confirmed", object_id=warning["id"])
    assert [e["sha256"] for e in json.loads(entry.data)["evidence"]] == [row.blob_id, ""]

    url = item["file_url"].removeprefix("/api/v1")
    for side in (seller, staff):
        got = side.get(url)
        assert got.status_code == 200
        assert b"".join(got.streaming_content) == stored
        assert got["X-Content-Type-Options"] == "nosniff"
    # A resource not yours is 404: a stranger, and an agency without the right (RULES 1.3).
    assert stranger.get(url).status_code == 404
    assert agency.get(url).status_code == 404
    seller.put(f"/stores/{protected}/agencies/agency_yun", {"rights": ["handle_warnings"]})
    assert agency.get(url).status_code == 200
    seller.put(f"/stores/{protected}/agencies/agency_yun", {"rights": ["appeal"]})
    assert agency.get(url).status_code == 404


def test_a_file_is_checked_and_must_be_sent(seller, protected, raise_warning):
    warning = raise_warning("T1001", type="malicious_return")
    missing = seller.upload(f"/warnings/{warning['id']}/confirm", {
        "evidence": json.dumps([{"kind": "item_photo", "file": "parcel"}])})
    assert missing.status_code == 422 and missing.json()["code"] == "invalid_input"
    not_a_picture = seller.upload(f"/warnings/{warning['id']}/confirm", {
        "evidence": json.dumps([{"kind": "item_photo", "file": "parcel"}]),
        "parcel": SimpleUploadedFile("x.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")})
    assert not_a_picture.status_code in (413, 415, 422)
    # Nothing was kept of a refused confirmation; the warning is still pending.
    assert seller.get(f"/warnings/{warning['id']}").json()["state"] == "pending"
    assert not WarningEvidence.objects.exists()


def test_a_malicious_complaint_with_a_chat_screenshot(seller, staff, stranger, agency, store_id):
    # RULES 9.5: the seller complains with evidence; a screenshot of the chat is evidence.
    response = seller.upload("/malicious-complaints", {
        "trade_id": "T1001", "reason": "差评后索要红包",
        "evidence": json.dumps([{"kind": "im_screenshot", "file": "chat"}]),
        "chat": photo("chat.jpg"),
    })
    assert response.status_code == 201, response.content
    case = response.json()
    (item,) = case["evidence"]
    assert item["kind"] == "im_screenshot" and item["original_name"] == "chat.jpg"
    row = MaliciousComplaintEvidence.objects.get(pk=item["id"])
    assert row.complaint_id == case["id"] and row.blob_id
    url = item["file_url"].removeprefix("/api/v1")
    assert url == f"/malicious-complaints/{case['id']}/evidence/{item['id']}/file"
    assert seller.get(url).status_code == 200
    assert staff.get(url).status_code == 200
    assert stranger.get(url).status_code == 404
    assert agency.get(url).status_code == 404
    seller.put(f"/stores/{store_id}/agencies/agency_yun", {"rights": ["handle_warnings"]})
    assert agency.get(url).status_code == 200
    # An evidence id of another case is 404 under this one.
    assert seller.get(f"/malicious-complaints/{case['id']}/evidence/{item['id'] + 1}/file").status_code == 404


def test_a_multipart_complaint_is_validated_like_json(seller, store_id):
    no_evidence = seller.upload("/malicious-complaints", {"trade_id": "T1001", "reason": "x",
                                                          "evidence": "[]"})
    assert no_evidence.status_code == 422
    bad_json = seller.upload("/malicious-complaints", {"trade_id": "T1001", "reason": "x",
                                                       "evidence": "not json"})
    assert bad_json.status_code == 422 and bad_json.json()["code"] == "invalid_input"
