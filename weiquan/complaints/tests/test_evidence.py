"""Evidence: every kind the pages name, stored safely (RULES 3.3)."""

import hashlib
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from weiquan.evidence.models import Blob


def jpeg_with_gps():
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def upload(client, complaint_id, data, kind="sms_photo", name="sms.jpg"):
    return client.upload(f"/complaints/{complaint_id}/evidence",
                         {"kind": kind, "file": SimpleUploadedFile(name, data, content_type="image/jpeg")})


def test_a_picture_is_stored_by_sha256_without_its_exif_and_gps(buyer, file_complaint, settings):
    complaint = file_complaint()
    original = jpeg_with_gps()
    assert b"PhoneMaker" in original
    response = upload(buyer, complaint["id"], original)
    assert response.status_code == 201, response.content
    body = response.json()
    stored = (settings.MEDIA_ROOT / "evidence" / body["sha256"][:2] / body["sha256"]).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == body["sha256"]
    assert b"PhoneMaker" not in stored and b"GPS" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()


def test_the_same_file_twice_is_stored_once(buyer, file_complaint):
    complaint = file_complaint()
    data = jpeg_with_gps()
    first = upload(buyer, complaint["id"], data).json()
    second = upload(buyer, complaint["id"], data, kind="im_screenshot").json()
    assert first["sha256"] == second["sha256"] and Blob.objects.count() == 1


def test_a_file_is_served_back_with_the_sniffed_type_never_a_guess(buyer, seller, stranger, file_complaint):
    complaint = file_complaint()
    body = upload(buyer, complaint["id"], jpeg_with_gps(), name="evil.html").json()
    response = seller.client.get(body["url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert stranger.client.get(body["url"]).status_code == 404


def test_an_unsupported_type_is_refused(buyer, file_complaint):
    complaint = file_complaint()
    response = upload(buyer, complaint["id"], b"<html><script>alert(1)</script></html>", name="x.jpg")
    assert response.status_code == 422 and response.json()["code"] == "unsupported_file_type"


def test_a_broken_picture_is_refused(buyer, file_complaint):
    complaint = file_complaint()
    response = upload(buyer, complaint["id"], b"\xff\xd8\xff\xe0" + b"\x00" * 50)
    assert response.status_code == 422 and response.json()["code"] == "bad_upload"


def test_a_file_over_the_limit_is_refused(buyer, file_complaint, settings):
    settings.WEIQUAN_EVIDENCE_MAX_BYTES = 1024 * 1024
    complaint = file_complaint()
    response = upload(buyer, complaint["id"], b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1), name="calls.pdf")
    assert response.status_code == 413 and response.json()["code"] == "upload_too_large"


def test_a_pdf_call_record_is_accepted_and_downloaded_as_an_attachment(buyer, file_complaint):
    complaint = file_complaint()
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    body = upload(buyer, complaint["id"], pdf, kind="call_record", name="通话记录.pdf").json()
    assert body["content_type"] == "application/pdf"
    response = buyer.client.get(body["url"])
    assert response["Content-Disposition"].startswith("attachment")


def push_chat(platform, *pairs):
    messages = [{"id": f"M{i}", "sender": s, "recipient": r, "text": t,
                 "sent_at": timezone.now().isoformat(), "trade_id": "T1001"}
                for i, (s, r, t) in enumerate(pairs)]
    assert platform.post("/messages", {"messages": messages}).status_code == 200
    return [m["id"] for m in messages]


def test_an_im_evidence_number_resolves_to_messages_between_the_two_parties(platform, buyer, file_complaint):
    complaint = file_complaint()
    ids = push_chat(platform, ("seller_wang", "buyer_li", "不改差评就等着"), ("buyer_li", "seller_wang", "你再骚扰我就投诉"))
    number = buyer.post("/evidence-numbers", {"message_ids": ids})
    assert number.status_code == 201 and len(number.json()["messages"]) == 2
    response = buyer.post(f"/complaints/{complaint['id']}/evidence",
                          {"kind": "im_evidence_number", "reference": number.json()["number"]})
    assert response.status_code == 201 and response.json()["reference"] == number.json()["number"]


def test_an_evidence_number_of_other_members_or_an_unknown_one_is_refused(platform, buyer, stranger, file_complaint):
    complaint = file_complaint()
    ids = push_chat(platform, ("stranger_zhao", "buyer_li", "你好"))
    number = buyer.post("/evidence-numbers", {"message_ids": ids}).json()["number"]
    response = buyer.post(f"/complaints/{complaint['id']}/evidence", {"kind": "im_evidence_number", "reference": number})
    assert response.status_code == 422 and response.json()["code"] == "evidence_number_not_between_parties"
    response = buyer.post(f"/complaints/{complaint['id']}/evidence", {"kind": "im_evidence_number", "reference": "IM0000"})
    assert response.status_code == 422 and response.json()["code"] == "unknown_evidence_number"


def test_a_member_cannot_cite_a_conversation_it_was_not_in(platform, stranger, file_complaint):
    file_complaint()
    ids = push_chat(platform, ("seller_wang", "buyer_li", "hello"))
    assert stranger.post("/evidence-numbers", {"message_ids": ids}).status_code == 404


def test_replayed_messages_are_stored_once(platform, file_complaint):
    file_complaint()
    push_chat(platform, ("seller_wang", "buyer_li", "a"))
    again = platform.post("/messages", {"messages": [{"id": "M0", "sender": "seller_wang", "recipient": "buyer_li",
                                                       "text": "a", "sent_at": timezone.now().isoformat()}]})
    assert again.json() == {"stored": 0, "skipped": 1}
