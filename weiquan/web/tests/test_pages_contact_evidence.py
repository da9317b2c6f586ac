"""Buyers, contact-log evidence (RULES 3.3): pick calls and messages between the two
parties on the case page; the number, its records and its fingerprint show in the case."""

import datetime

from django.utils import timezone

from weiquan.relay.models import ContactEvidence

from .helpers import page_client


def _log(platform):
    """Two calls and a message from the seller, through the gate, before the complaint."""
    at = timezone.now() - datetime.timedelta(days=1)
    ids = []
    for i in range(2):
        answer = platform.post("/contact-gate", {"trade_id": "T1001", "caller": "seller_wang", "callee": "buyer_li",
                                                 "channel": "call", "at": (at + datetime.timedelta(minutes=i)).isoformat()})
        assert answer.status_code == 200, answer.content
        ids.append(answer.json()["attempt_id"])
    platform.post("/contact-gate", {"trade_id": "T1001", "caller": "seller_wang", "callee": "buyer_li", "channel": "im",
                                    "at": at.isoformat(), "message_id": "M-1", "text": "删差评，不然有你好看"})
    return ids


def test_the_buyer_picks_calls_and_a_message_and_gets_an_evidence_number(platform, buyer, seller, staff, make_trade,
                                                                        file_complaint):
    make_trade()
    attempts = _log(platform)
    case = file_complaint()
    client = page_client(buyer)
    page = client.get(f"/cases/{case['id']}/").content.decode()
    assert f'value="{attempts[0]}"' in page and "删差评，不然有你好看" in page and 'value="M-1"' in page
    response = client.post(f"/cases/{case['id']}/contact-evidence/", {"attempt_ids": attempts, "message_ids": ["M-1"]})
    assert response.status_code == 302
    evidence = ContactEvidence.objects.get()
    assert sorted(evidence.attempts.values_list("attempt_id", flat=True)) == sorted(attempts)
    page = client.get(f"/cases/{case['id']}/").content.decode()
    assert evidence.number in page and "intact" in page
    assert evidence.number in page_client(seller).get(f"/cases/{case['id']}/").content.decode()  # both parties see it
    assert evidence.number in page_client(staff).get(f"/staff/cases/{case['id']}/").content.decode()


def test_picking_nothing_is_refused_beside_the_form(platform, buyer, make_trade, file_complaint):
    make_trade()
    _log(platform)
    case = file_complaint()
    response = page_client(buyer).post(f"/cases/{case['id']}/contact-evidence/", {})
    assert response.status_code == 422
    assert "Pick at least one call or message." in response.content.decode()
    assert not ContactEvidence.objects.exists()


def test_records_of_others_and_cases_of_others_are_404(platform, buyer, seller, stranger, make_trade, file_complaint):
    make_trade()
    attempts = _log(platform)
    case = file_complaint()
    assert page_client(stranger).post(f"/cases/{case['id']}/contact-evidence/",
                                      {"attempt_ids": attempts}).status_code == 404
    assert page_client(buyer).post(f"/cases/{case['id']}/contact-evidence/",
                                   {"attempt_ids": ["nope"]}).status_code == 404
    refused = page_client(seller).post(f"/cases/{case['id']}/contact-evidence/", {"attempt_ids": attempts})
    assert refused.status_code == 403 and "Only the complainant" in refused.content.decode()
    assert 'id="contact_log"' not in page_client(seller).get(f"/cases/{case['id']}/").content.decode()
    assert not ContactEvidence.objects.exists()
