import json
from datetime import datetime

from ninja import Router, Schema, Status
from pydantic import Field

from weiquan.complaints.api import FiledOut
from weiquan.complaints.services import get_complaint

from . import services

router = Router(tags=["risk"])


class SignalOut(Schema):
    id: int
    actor: str
    target: str
    source: str
    kind: str
    score: float
    message_id: str | None
    message_text: str | None
    detail: dict
    first_at: datetime
    last_at: datetime


def signal_out(s):
    return {
        "id": s.pk, "actor": s.actor.username, "target": s.target.username, "source": s.source, "kind": s.kind,
        "score": s.score, "message_id": s.message.external_id if s.message_id else None,
        "message_text": s.message.text if s.message_id else None, "detail": json.loads(s.detail),
        "first_at": s.first_at, "last_at": s.last_at,
    }


@router.get("/complaints/{complaint_id}/signals", response=list[SignalOut],
            summary="What the platform's own data shows about the pair of a case (staff)")
def case_signals(request, complaint_id: int):
    complaint = get_complaint(request.auth, complaint_id)
    return [signal_out(s) for s in services.signals_for_case(request.auth, complaint).select_related("actor", "target")]


class PairOut(Schema):
    seller: str
    buyer: str
    strongest: float
    signals: int
    last_at: datetime


@router.get("/risk/pairs", response=list[PairOut],
            summary="Pairs with strong signals and no complaint (staff)")
def strong_pairs(request, limit: int = 100):
    return [{"seller": p["actor__username"], "buyer": p["target__username"], "strongest": p["strongest"],
             "signals": p["signals"], "last_at": p["last_at"]}
            for p in services.strong_pairs(request.auth, limit=min(limit, 500))]


class OwnMotionIn(Schema):
    seller: str
    buyer: str
    reason: str = Field(min_length=1, max_length=5000)


@router.post("/risk/cases", response={201: FiledOut},
             summary="Open a case on the platform's own motion for a harassed buyer (staff)")
def open_case(request, body: OwnMotionIn):
    c = services.open_case_on_platforms_motion(request.auth, seller_username=body.seller,
                                               buyer_username=body.buyer, reason=body.reason)
    return Status(201, {"id": c.pk, "state": c.state, "rulebook": c.rulebook,
                        "answer_due": c.answer_due, "decision_due": c.decision_due})
