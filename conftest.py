"""Shared fixtures: real accounts with real bearer tokens, and an API client that
speaks to /api/v1 exactly as the marketplace and members do."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from weiquan.members.models import ApiToken, Member, Store


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


class Api:
    """Calls the JSON API with a member's bearer token."""

    def __init__(self, member):
        self.member = member
        self.token = ApiToken.issue(member, label="test")
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {self.token}", HTTP_ACCEPT_LANGUAGE="en")

    def _call(self, method, path, body=None, **extra):
        url = "/api/v1" + path
        if body is None:
            return getattr(self.client, method)(url, **extra)
        return getattr(self.client, method)(url, json.dumps(body, default=str),
                                            content_type="application/json", **extra)

    def get(self, path, **extra):
        return self._call("get", path, **extra)

    def post(self, path, body=None, **extra):
        return self._call("post", path, body if body is not None else {}, **extra)

    def put(self, path, body, **extra):
        return self._call("put", path, body, **extra)

    def upload(self, path, data):
        return self.client.post("/api/v1" + path, data)


def make_member(username, role=Member.Role.MEMBER, email=""):
    return Member.objects.create(username=username, role=role, email=email or f"{username}@example.com")


@pytest.fixture
def platform(db):
    return Api(make_member("marketplace", Member.Role.PLATFORM))


@pytest.fixture
def staff(db):
    return Api(make_member("handler", Member.Role.STAFF))


@pytest.fixture
def buyer(platform):
    return Api(make_member("buyer_li"))


@pytest.fixture
def seller(platform):
    return Api(make_member("seller_wang"))


@pytest.fixture
def stranger(db):
    return Api(make_member("stranger_zhao"))


def trade_body(**overrides):
    body = {
        "buyer": "buyer_li", "seller": "seller_wang", "store": "王记小店", "channel": "taobao",
        "status": "success", "succeeded_at": (timezone.now() - datetime.timedelta(days=2)).isoformat(),
        "buyer_review": "negative", "seller_review": "positive",
    }
    body.update(overrides)
    return body


@pytest.fixture
def make_trade(platform, buyer, seller):
    def make(trade_id="T1001", **overrides):
        response = platform.put(f"/trades/{trade_id}", trade_body(**overrides))
        assert response.status_code == 200, response.content
        return trade_id

    return make


@pytest.fixture
def file_complaint(buyer, make_trade):
    def file(trade_id="T1001", client=None, **overrides):
        make_trade(trade_id)
        body = {"trade_id": trade_id, "entry": "order_list", "reason": "卖家因为差评连续打电话骂我",
                "behaviours": ["frequent_contact", "abuse"]}
        body.update(overrides)
        response = (client or buyer).post("/complaints", body)
        assert response.status_code == 201, response.content
        return response.json()

    return file


# Shared by the warnings tests and the warnings pages' tests (RULES 9, 1.3).


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
def agency(db):
    return Api(make_member("agency_yun"))
