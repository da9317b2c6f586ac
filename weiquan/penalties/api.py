from datetime import datetime
from decimal import Decimal

from ninja import Router, Schema, Status
from pydantic import Field

from weiquan.complaints.api import EVIDENCE_BODY, EvidenceOut, evidence_fields, evidence_out
from weiquan.evidence.views import serve_evidence_file

from . import services

router = Router(tags=["penalties"])


class PeriodOut(Schema):
    period: str
    points: int
    by_class: dict[str, int]


class LedgerEntryOut(Schema):
    id: int
    penalty_id: int
    kind: str
    points: int
    point_class: str
    compensation: Decimal
    period: str
    at: datetime


class PenaltyOut(Schema):
    id: int
    complaint_id: int
    store: str
    rulebook: str
    tier: str
    points: int
    point_class: str
    compensation: Decimal
    currency: str
    compensation_status: str
    state: str
    imposed_at: datetime
    appeal_due: datetime


class StoreOut(Schema):
    store: str
    hidden_until: datetime | None


class SellerPenaltiesOut(Schema):
    seller: str
    periods: list[PeriodOut]
    entries: list[LedgerEntryOut]
    penalties: list[PenaltyOut]
    stores: list[StoreOut]
    frozen: bool
    frozen_permanently: bool
    frozen_until: datetime | None
    compensation_owed: Decimal


def penalty_out(p):
    return {
        "id": p.pk, "complaint_id": p.complaint_id, "store": p.store.name, "rulebook": p.rulebook,
        "tier": p.tier, "points": p.points, "point_class": p.point_class, "compensation": p.compensation,
        "currency": p.currency, "compensation_status": p.compensation_status, "state": p.state,
        "imposed_at": p.imposed_at, "appeal_due": p.appeal_due,
    }


@router.get("/sellers/{username}/penalties", response=SellerPenaltiesOut)
def seller_penalties(request, username: str):
    summary = services.seller_summary(request.auth, username)
    summary["entries"] = [
        {"id": e.pk, "penalty_id": e.penalty_id, "kind": e.kind, "points": e.points,
         "point_class": e.point_class, "compensation": e.compensation, "period": e.period, "at": e.at}
        for e in summary["entries"]
    ]
    summary["penalties"] = [penalty_out(p) for p in summary["penalties"]]
    return summary


class AppealIn(Schema):
    reason: str = Field(min_length=1, max_length=5000)


class AppealOut(Schema):
    id: int
    penalty_id: int
    state: str
    reason: str
    filed_at: datetime
    review_due: datetime
    review_overdue: bool
    decided_at: datetime | None
    decision_reason: str
    evidence: list[EvidenceOut]


def appeal_out(a):
    return {
        "id": a.pk, "penalty_id": a.penalty_id, "state": a.state, "reason": a.reason,
        "filed_at": a.filed_at, "review_due": a.review_due, "review_overdue": a.review_overdue,
        "decided_at": a.decided_at, "decision_reason": a.decision_reason,
        "evidence": [evidence_out(e, f"/api/v1/appeals/{a.pk}/evidence/{e.pk}/file")
                     for e in a.evidence.select_related("submitted_by", "blob")],
    }


@router.post("/penalties/{penalty_id}/appeal", response={201: AppealOut})
def appeal(request, penalty_id: int, body: AppealIn):
    return Status(201, appeal_out(services.file_appeal(request.auth, penalty_id, reason=body.reason)))


@router.get("/appeals/{appeal_id}", response=AppealOut)
def get_appeal(request, appeal_id: int):
    return appeal_out(services.get_appeal(request.auth, appeal_id))


@router.post("/appeals/{appeal_id}/evidence", response={201: EvidenceOut}, openapi_extra=EVIDENCE_BODY)
def appeal_evidence(request, appeal_id: int):
    kind, upload, reference, note = evidence_fields(request)
    item = services.add_appeal_evidence(request.auth, appeal_id, kind=kind, upload=upload,
                                        reference=reference, note=note)
    return Status(201, evidence_out(item, f"/api/v1/appeals/{appeal_id}/evidence/{item.pk}/file"))


class AppealDecisionIn(Schema):
    upheld: bool
    reason: str = Field(min_length=1, max_length=5000)


@router.post("/appeals/{appeal_id}/decision", response=AppealOut)
def decide_appeal(request, appeal_id: int, body: AppealDecisionIn):
    services.decide_appeal(request.auth, appeal_id, upheld=body.upheld, reason=body.reason)
    return appeal_out(services.get_appeal(request.auth, appeal_id))


@router.post("/penalties/{penalty_id}/compensation-paid", response=PenaltyOut,
             summary="Record that the buyer was paid the compensation (platform, staff)")
def compensation_paid(request, penalty_id: int):
    return penalty_out(services.record_compensation_paid(request.auth, penalty_id))


@router.get("/appeals/{appeal_id}/evidence/{evidence_id}/file", summary="Download an appeal evidence file")
def appeal_evidence_file(request, appeal_id: int, evidence_id: int):
    return serve_evidence_file(services.get_appeal(request.auth, appeal_id).evidence, evidence_id, "appeal-evidence")
