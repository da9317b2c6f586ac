from datetime import datetime

from ninja import Router, Schema, Status
from pydantic import Field

from weiquan.risk.services import screen_new_messages

from . import services
from .models import Trade

router = Router(tags=["trades"])


class TradeIn(Schema):
    buyer: str = Field(min_length=1, max_length=150)
    seller: str = Field(min_length=1, max_length=150)
    store: str = Field(min_length=1, max_length=128)
    channel: str = Field(min_length=1, max_length=32, examples=["taobao"])
    status: Trade.Status
    succeeded_at: datetime | None = None
    buyer_review: Trade.Review | None = None
    seller_review: Trade.Review | None = None
    title: str = ""
    # Risk signals for the malicious-order detectors (RULES 9.1); hashes only.
    buyer_phone_hash: str = Field("", max_length=64)
    address_hash: str = Field("", max_length=64)
    refund_claimed: bool = False
    buyer_registered_at: datetime | None = None


class TradeOut(Schema):
    trade_id: str
    buyer: str
    seller: str
    store: str
    channel: str
    status: str
    succeeded_at: datetime | None
    buyer_review: str | None
    seller_review: str | None
    changed: bool


def trade_out(trade, changed):
    return {
        "trade_id": trade.external_id, "buyer": trade.buyer.username, "seller": trade.seller.username,
        "store": trade.store.name, "channel": trade.channel, "status": trade.status,
        "succeeded_at": trade.succeeded_at, "buyer_review": trade.buyer_review or None,
        "seller_review": trade.seller_review or None, "changed": changed,
    }


@router.put("/trades/{trade_id}", response=TradeOut, summary="Create or update a trade (platform)")
def put_trade(request, trade_id: str, body: TradeIn):
    trade, changed = services.upsert_trade(
        request.auth, trade_id, buyer=body.buyer, seller=body.seller, store=body.store,
        channel=body.channel, status=body.status, succeeded_at=body.succeeded_at,
        buyer_review=body.buyer_review or "", seller_review=body.seller_review or "", title=body.title,
        buyer_phone_hash=body.buyer_phone_hash, address_hash=body.address_hash,
        refund_claimed=body.refund_claimed, buyer_registered_at=body.buyer_registered_at,
    )
    return trade_out(trade, changed)


class MessageIn(Schema):
    id: str = Field(min_length=1, max_length=64)
    sender: str
    recipient: str
    trade_id: str | None = None
    text: str
    sent_at: datetime


class MessagesIn(Schema):
    messages: list[MessageIn] = Field(min_length=1, max_length=1000)


@router.post("/messages", summary="Store IM messages the marketplace logged (platform)")
def post_messages(request, body: MessagesIn):
    stored = services.push_messages(request.auth, [m.dict() for m in body.messages])
    screen_new_messages()  # at once, so a buyer hears of a threat now rather than at the next worker pass
    return {"stored": stored, "skipped": len(body.messages) - stored}


class EvidenceNumberIn(Schema):
    message_ids: list[str] = Field(min_length=1, max_length=500)


class MessageOut(Schema):
    id: str
    sender: str
    recipient: str
    text: str
    sent_at: datetime


class EvidenceNumberOut(Schema):
    number: str
    messages: list[MessageOut]


def evidence_number_out(evidence):
    return {
        "number": evidence.number,
        "messages": [
            {"id": m.external_id, "sender": m.sender.username, "recipient": m.recipient.username,
             "text": m.text, "sent_at": m.sent_at}
            for m in evidence.messages.select_related("sender", "recipient").order_by("sent_at", "id")
        ],
    }


@router.post("/evidence-numbers", response={201: EvidenceNumberOut},
             summary="Issue an IM evidence number (举证号) for stored messages")
def post_evidence_number(request, body: EvidenceNumberIn):
    return Status(201, evidence_number_out(services.issue_evidence_number(request.auth, body.message_ids)))


@router.get("/evidence-numbers/{number}", response=EvidenceNumberOut,
            summary="Resolve an IM evidence number to the messages it stands for")
def get_evidence_number(request, number: str):
    return evidence_number_out(services.get_evidence_number(request.auth, number))
