"""Fixtures for the detect, prevent and warnings pages: the same real API calls the
warnings and risk tests make (RULES 9, issue 6 §3)."""

import datetime

import pytest
from django.utils import timezone

from conftest import Api, make_member
from weiquan.members.models import Store


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
def store_id(make_trade):
    """The seller's store, created by pushing an open trade T1001."""
    make_trade("T1001", status="paid", succeeded_at=None, buyer_review=None, seller_review=None)
    return Store.objects.get(name="王记小店").pk


@pytest.fixture
def protected(seller, store_id):
    response = seller.put(f"/stores/{store_id}/protection", {"enabled": True})
    assert response.status_code == 200, response.content
    return store_id


@pytest.fixture
def open_trade(make_trade):
    def make(trade_id, **overrides):
        body = {"status": "paid", "succeeded_at": None, "buyer_review": None, "seller_review": None}
        body.update(overrides)
        return make_trade(trade_id, **body)

    return make


@pytest.fixture
def raise_warning(platform):
    def raise_(trade_id="T1001", type="platform_risk", **extra):
        response = platform.post("/warnings", {"trade_id": trade_id, "type": type, **extra})
        assert response.status_code == 201, response.content
        return response.json()

    return raise_


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


@pytest.fixture
def agency(db):
    return Api(make_member("agency_yun"))
