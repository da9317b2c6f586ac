"""Fixtures for malicious-order warnings (RULES 9) and agencies (RULES 1.3)."""

import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def evidence_number(platform):
    """An IM evidence number for a message between two members, issued by `by`."""
    counter = iter(range(1, 10_000))

    def issue(by, sender="buyer_li", recipient="seller_wang", text="给我转账200，不然差评", trade_id=None):
        message_id = f"M{next(counter)}"
        stored = platform.post("/messages", {"messages": [{
            "id": message_id, "sender": sender, "recipient": recipient, "text": text,
            "trade_id": trade_id, "sent_at": timezone.now() - datetime.timedelta(minutes=5)}]})
        assert stored.status_code == 200, stored.content
        response = by.post("/evidence-numbers", {"message_ids": [message_id]})
        assert response.status_code == 201, response.content
        return response.json()["number"]

    return issue


