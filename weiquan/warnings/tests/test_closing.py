"""Closing a warned order (RULES 9.6): advised against doing it alone; possible only
with the buyer's recorded agreement."""

import pytest

from weiquan.audit.models import AuditEntry
from weiquan.notifications.models import Notification
from weiquan.trades.models import Trade

pytestmark = pytest.mark.django_db


@pytest.fixture
def warning(protected, raise_warning):
    return raise_warning("T1001", type="platform_risk")


def test_the_api_advises_against_closing_alone(seller, warning):
    body = seller.get(f"/warnings/{warning['id']}").json()
    assert "Do not close a warned order on your own" in body["advice"]
    schema = seller.client.get("/api/v1/openapi.json").json()
    close = schema["paths"]["/api/v1/warnings/{warning_id}/close-order"]["post"]
    assert "Do not close a warned order on your own" in close["description"]


def test_with_an_im_evidence_number_of_the_agreement_the_order_closes(seller, warning, evidence_number):
    number = evidence_number(seller, text="好的，我同意取消订单")
    response = seller.post(f"/warnings/{warning['id']}/close-order", {"im_evidence_number": number})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "agreed" and body["agreement"] == "im_evidence_number"
    assert body["trade_status"] == "closed" and "Do not close" in body["advice"]
    assert Trade.objects.get(external_id="T1001").status == "closed"
    assert AuditEntry.objects.filter(action="trade.closed", actor_label="seller_wang").exists()


def test_an_evidence_number_of_other_people_is_refused(seller, stranger, warning, evidence_number):
    number = evidence_number(stranger, sender="stranger_zhao", recipient="seller_wang")
    response = seller.post(f"/warnings/{warning['id']}/close-order", {"im_evidence_number": number})
    assert response.status_code == 422
    assert response.json()["code"] == "evidence_number_not_between_parties"
    assert Trade.objects.get(external_id="T1001").status == "paid"


def test_without_proof_the_buyer_is_asked_and_the_order_closes_only_when_it_agrees(
    seller, buyer, stranger, warning
):
    requested = seller.post(f"/warnings/{warning['id']}/close-order", {})
    assert requested.status_code == 201
    closure = requested.json()
    assert closure["state"] == "awaiting_buyer" and closure["trade_status"] == "paid"
    assert Notification.objects.filter(recipient=buyer.member, kind="order_closure_requested").exists()
    again = seller.post(f"/warnings/{warning['id']}/close-order", {})
    assert again.status_code == 409 and again.json()["code"] == "closure_pending"

    assert [c["id"] for c in buyer.get("/order-closures").json()] == [closure["id"]]
    assert stranger.post(f"/order-closures/{closure['id']}/answer", {"agree": True}).status_code == 404
    assert seller.post(f"/order-closures/{closure['id']}/answer", {"agree": True}).status_code == 404
    agreed = buyer.post(f"/order-closures/{closure['id']}/answer", {"agree": True})
    assert agreed.json()["state"] == "agreed" and agreed.json()["agreement"] == "buyer_confirmation"
    assert Trade.objects.get(external_id="T1001").status == "closed"
    assert buyer.post(f"/order-closures/{closure['id']}/answer", {"agree": False}).status_code == 409


def test_a_buyer_who_refuses_keeps_the_order_open(seller, buyer, warning):
    closure = seller.post(f"/warnings/{warning['id']}/close-order", {}).json()
    refused = buyer.post(f"/order-closures/{closure['id']}/answer", {"agree": False})
    assert refused.json()["state"] == "refused" and refused.json()["trade_status"] == "paid"
    # After a refusal the seller may ask again.
    assert seller.post(f"/warnings/{warning['id']}/close-order", {}).status_code == 201


def test_only_an_open_order_can_be_closed(seller, platform, warning, make_trade):
    make_trade("T1001")  # the marketplace reports it successful
    response = seller.post(f"/warnings/{warning['id']}/close-order", {})
    assert response.status_code == 409 and response.json()["code"] == "order_not_open"
