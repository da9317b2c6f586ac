"""Several web processes share one view through Redis (issue 5, RULES 10.3): counters are
common, and a process that cached facts sees a change made elsewhere before deciding."""

import uuid

import pytest
from django.conf import settings

from weiquan.relay.gate import RedisBackend

from .conftest import local


@pytest.fixture
def two_processes(settings):
    settings.WEIQUAN_GATE_BACKEND = "redis"
    settings.WEIQUAN_GATE_REDIS_PREFIX = f"weiquan:test:{uuid.uuid4().hex}:"
    make = lambda: RedisBackend(settings.REDIS_URL, settings.WEIQUAN_GATE_REDIS_PREFIX,  # noqa: E731
                                settings.WEIQUAN_GATE_FACTS_TTL)
    a, b = make(), make()
    yield a, b
    a.clear()


def test_caps_count_across_processes(two_processes, make_trade):
    make_trade(buyer_review="positive")
    a, b = two_processes
    at = local()
    verdicts = [(a if i % 2 else b).decide("T1001", "seller_wang", "buyer_li", "sms", at)[1]
                for i in range(4)]
    assert [d.reason for d in verdicts] == ["ok", "ok", "ok", "cap_reached"]


def test_a_process_with_cached_facts_sees_a_change_made_elsewhere(two_processes, make_trade, buyer):
    make_trade(buyer_review="positive")
    a, _b = two_processes
    assert a.decide("T1001", "seller_wang", "buyer_li", "call", local())[1].allowed
    # Another process (the API's own backend) stores the buyer's choice: messages only.
    assert buyer.put("/me/contact-preferences", {"channels": ["im"]}).status_code == 200
    assert settings.WEIQUAN_GATE_FACTS_TTL > 1  # not by expiry: by the generation check
    assert a.decide("T1001", "seller_wang", "buyer_li", "call", local())[1].reason == "callee_preference"


def test_without_redis_the_gate_answers_503_and_guesses_nothing(settings, platform, make_trade):
    make_trade(buyer_review="positive")
    settings.WEIQUAN_GATE_BACKEND = "redis"
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    response = platform.post("/contact-gate", {"trade_id": "T1001", "caller": "seller_wang",
                                               "callee": "buyer_li", "channel": "call"})
    assert response.status_code == 503 and response.json()["code"] == "gate_unavailable"
