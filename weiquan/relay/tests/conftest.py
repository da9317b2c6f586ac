"""Relay fixtures: the gate tests run once per backend (db, redis)."""

import datetime
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from weiquan.relay.gate import get_backend

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(params=["db", "redis"])
def gate_backend(request, settings):
    settings.WEIQUAN_GATE_BACKEND = request.param
    if request.param == "redis":
        # A prefix of its own per test, removed afterwards.
        settings.WEIQUAN_GATE_REDIS_PREFIX = f"weiquan:test:{uuid.uuid4().hex}:"
    backend = get_backend()
    yield backend
    backend.clear()


def local(days=1, hour=10, minute=0):
    """A time `days` from today at hour:minute in Shanghai (the default callee time zone)."""
    day = timezone.now().astimezone(SHANGHAI).date() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), SHANGHAI)


@pytest.fixture
def gate(platform, gate_backend):
    """Ask the gate; returns the JSON answer."""

    def ask(caller="seller_wang", callee="buyer_li", channel="call", at=None, trade_id="T1001",
            expect=200, **extra):
        body = {"trade_id": trade_id, "caller": caller, "callee": callee, "channel": channel,
                "at": (at or local()).isoformat(), **extra}
        response = platform.post("/contact-gate", body)
        assert response.status_code == expect, response.content
        return response.json()

    return ask


@pytest.fixture
def outcome(platform):
    def report(attempt_id, answered=True, duration_seconds=30, expect=200):
        response = platform.post(f"/contact-gate/{attempt_id}/outcome",
                                 {"answered": answered, "duration_seconds": duration_seconds})
        assert response.status_code == expect, response.content
        return response.json()

    return report
