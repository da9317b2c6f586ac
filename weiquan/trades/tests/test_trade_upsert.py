"""The marketplace pushes trades through PUT /trades/{id} (issue 3 §2, RULES 3.1 inputs)."""

from conftest import trade_body
from weiquan.audit.models import AuditEntry
from weiquan.trades.models import Trade


def test_a_new_trade_creates_its_members_and_store(platform):
    response = platform.put("/trades/T1", trade_body(buyer="new_buyer", seller="new_seller", store="新店"))
    assert response.status_code == 200
    assert response.json()["changed"] is True
    trade = Trade.objects.get(external_id="T1")
    assert (trade.buyer.username, trade.seller.username, trade.store.name) == ("new_buyer", "new_seller", "新店")
    assert trade.store.owner == trade.seller


def test_a_replayed_upsert_changes_nothing(platform):
    body = trade_body()
    platform.put("/trades/T1", body)
    entries = AuditEntry.objects.count()
    replay = platform.put("/trades/T1", body)
    assert replay.status_code == 200 and replay.json()["changed"] is False
    assert AuditEntry.objects.count() == entries


def test_an_update_is_recorded(platform):
    platform.put("/trades/T1", trade_body(status="shipped", succeeded_at=None, buyer_review=None, seller_review=None))
    response = platform.put("/trades/T1", trade_body())
    assert response.json()["status"] == "success" and response.json()["changed"] is True
    assert AuditEntry.objects.filter(action="trade.updated", from_state="shipped", to_state="success").exists()


def test_only_the_platform_pushes_trades(buyer):
    response = buyer.put("/trades/T1", trade_body())
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_bad_trade_data_gets_invalid_input(platform):
    response = platform.put("/trades/T1", trade_body(status="delivered"))
    assert response.status_code == 422 and response.json()["code"] == "invalid_input"
    response = platform.put("/trades/T1", trade_body(succeeded_at=None))
    assert response.status_code == 422 and response.json()["code"] == "invalid_input"
    assert not Trade.objects.exists()


def test_a_request_without_a_token_is_refused(client, db):
    response = client.get("/api/v1/complaints/1")
    assert response.status_code == 401 and response.json()["code"] == "unauthenticated"
