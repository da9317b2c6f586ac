"""The contact log as evidence: an evidence number (举证号) over chosen calls and messages,
resolved by staff and re-checked by SHA-256 (RULES 3.3)."""

import datetime

from weiquan.relay.models import ContactAttempt

from .conftest import local


def _harassment(gate, outcome):
    """Three night calls (two denied) and two messages from the seller; one call from a stranger."""
    day = local(days=9)
    calls = [gate(at=day + datetime.timedelta(minutes=i)) for i in range(2)]
    outcome(calls[0]["attempt_id"], answered=False)
    night = gate(at=local(days=9, hour=23))
    gate(channel="im", at=day, message_id="M-1", text="删差评，不然有你好看")
    gate(channel="im", at=day + datetime.timedelta(minutes=3), message_id="M-2", text="我知道你住哪")
    return [c["attempt_id"] for c in calls] + [night["attempt_id"]]


def test_the_buyer_picks_calls_and_messages_and_staff_resolve_exactly_those(
    gate, outcome, make_trade, file_complaint, buyer, staff
):
    make_trade()
    attempts = _harassment(gate, outcome)  # before the complaint, which would stop the calls
    filed = file_complaint()
    issued = buyer.post(f"/complaints/{filed['id']}/contact-evidence",
                        {"attempt_ids": attempts, "message_ids": ["M-1", "M-2"]})
    assert issued.status_code == 201, issued.content
    number = issued.json()["number"]
    assert number.startswith("CL") and len(issued.json()["sha256"]) == 64

    resolved = staff.get(f"/contact-evidence/{number}")
    assert resolved.status_code == 200, resolved.content
    body = resolved.json()
    assert body["intact"] is True and body["sha256_now"] == body["sha256"]
    assert body["complaint_id"] == filed["id"]
    records = body["records"]
    assert sorted(r["id"] for r in records) == sorted(attempts + ["M-1", "M-2"])
    assert [r["at"] for r in records] == sorted(r["at"] for r in records)
    night = next(r for r in records if r["id"] == attempts[2])
    assert (night["from"], night["to"], night["allowed"], night["reason"]) == (
        "seller_wang", "buyer_li", False, "quiet_hours")
    assert next(r for r in records if r["id"] == "M-2")["text"] == "我知道你住哪"


def test_a_changed_record_shows_as_changed(gate, outcome, make_trade, file_complaint, buyer, staff):
    make_trade()
    attempts = _harassment(gate, outcome)  # before the complaint, which would stop the calls
    filed = file_complaint()
    number = buyer.post(f"/complaints/{filed['id']}/contact-evidence",
                        {"attempt_ids": attempts[:1]}).json()["number"]
    # Someone with database access rewrites history: the call was "answered" after all.
    ContactAttempt.objects.filter(attempt_id=attempts[0]).update(answered=True, duration_seconds=300)
    body = staff.get(f"/contact-evidence/{number}").json()
    assert body["intact"] is False and body["sha256_now"] != body["sha256"]


def test_only_the_complainant_picks_and_only_records_between_the_parties(
    gate, outcome, file_complaint, buyer, seller, stranger, staff, make_trade
):
    make_trade()
    attempts = _harassment(gate, outcome)  # before the complaint, which would stop the calls
    filed = file_complaint()
    path = f"/complaints/{filed['id']}/contact-evidence"
    assert seller.post(path, {"attempt_ids": attempts}).status_code == 403
    assert stranger.post(path, {"attempt_ids": attempts}).status_code == 404  # not its case
    assert buyer.post(path, {}).status_code == 422
    # A call on another trade between other members is not this case's record.
    make_trade("T2002", buyer="stranger_zhao", buyer_review="positive")
    other = gate(trade_id="T2002", callee="stranger_zhao")
    response = buyer.post(path, {"attempt_ids": [attempts[0], other["attempt_id"]]})
    assert response.status_code == 404 and response.json()["code"] == "unknown_contact_record"
    number = buyer.post(path, {"attempt_ids": attempts}).json()["number"]
    assert stranger.get(f"/contact-evidence/{number}").status_code == 404
    assert seller.get(f"/contact-evidence/{number}").status_code == 200  # a party of the case
    assert staff.get("/contact-evidence/CL000000").status_code == 404
