"""Fixtures for the detect, prevent and warnings pages: the same real API calls the
warnings and risk tests make (RULES 9, issue 6 §3)."""

import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def push_messages(platform):
    def push(*messages, trade_id="T1001"):
        body = [{"id": mid, "sender": s, "recipient": r, "text": t, "trade_id": trade_id,
                 "sent_at": (timezone.now() - datetime.timedelta(minutes=5)).isoformat()}
                for mid, s, r, t in messages]
        response = platform.post("/messages", {"messages": body})
        assert response.status_code == 200, response.content

    return push


@pytest.fixture
def evidence_number(push_messages):
    counter = iter(range(1, 10_000))

    def issue(by, sender="buyer_li", recipient="seller_wang", text="给我转账200，不然差评"):
        message_id = f"EV{next(counter)}"
        push_messages((message_id, sender, recipient, text))
        response = by.post("/evidence-numbers", {"message_ids": [message_id]})
        assert response.status_code == 201, response.content
        return response.json()["number"]

    return issue


@pytest.fixture
def malicious_case(seller, store_id, evidence_number):
    def file(trade_id="T1001"):
        body = {"trade_id": trade_id, "reason": "买家差评后索要红包",
                "evidence": [{"kind": "im_evidence_number", "reference": evidence_number(seller)}]}
        response = seller.post("/malicious-complaints", body)
        assert response.status_code == 201, response.content
        return response.json()

    return file


