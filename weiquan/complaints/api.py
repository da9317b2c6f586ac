import json
from datetime import datetime
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from weiquan.errors import DomainError, NotFound
from weiquan.evidence.views import serve_evidence_file

from . import services
from .models import AnswerChoice, Behaviour, Relation, Tier

router = Router(tags=["complaints"])


class ComplaintIn(Schema):
    trade_id: str
    entry: Literal["order_list", "rights_centre"]
    reason: str = Field(min_length=1, max_length=5000)
    behaviours: list[Behaviour] = Field(min_length=1)
    relation: Relation = Relation.SELF
    harassed_person: str = Field("", max_length=100)
    message_ids: list[str] = Field([], max_length=50)


class EvidenceOut(Schema):
    id: int
    kind: str
    submitted_by: str
    submitted_at: datetime
    reference: str
    note: str
    sha256: str | None
    content_type: str | None
    url: str | None


class ComplaintOut(Schema):
    id: int
    trade_id: str
    state: str
    rulebook: str
    entry: str
    relation: str
    harassed_person: str
    complainant: str
    respondent: str
    store: str
    reason: str
    behaviours: list[str]
    behaviours_found: list[str]
    filed_at: datetime
    answer_due: datetime
    decision_due: datetime
    answer_choice: str | None
    answer_explanation: str
    answered_at: datetime | None
    answer_missed: bool
    decided_at: datetime | None
    tier: str | None
    decision_reason: str
    decision_overdue: bool
    withdrawn_at: datetime | None
    assigned_to: str | None
    penalty_id: int | None
    evidence: list[EvidenceOut]


def evidence_out(item, url):
    return {
        "id": item.pk, "kind": item.kind, "submitted_by": item.submitted_by.username,
        "submitted_at": item.submitted_at, "reference": item.reference, "note": item.note,
        "sha256": item.blob_id, "content_type": item.blob.content_type if item.blob_id else None,
        "url": url if item.blob_id else None,
    }


def complaint_out(c):
    behaviours = [(b.code, b.source) for b in c.behaviours.all()]
    penalty = getattr(c, "penalty", None) if c.state == "established" else None
    return {
        "id": c.pk, "trade_id": c.trade.external_id, "state": c.state, "rulebook": c.rulebook,
        "entry": c.entry, "relation": c.relation, "harassed_person": c.harassed_person,
        "complainant": c.complainant.username, "respondent": c.respondent.username,
        "store": c.store.name, "reason": c.reason,
        "behaviours": [code for code, source in behaviours if source == "claimed"],
        "behaviours_found": [code for code, source in behaviours if source == "found"],
        "filed_at": c.filed_at, "answer_due": c.answer_due, "decision_due": c.decision_due,
        "answer_choice": c.answer_choice or None, "answer_explanation": c.answer_explanation,
        "answered_at": c.answered_at, "answer_missed": c.answer_missed, "decided_at": c.decided_at,
        "tier": c.tier or None, "decision_reason": c.decision_reason,
        "decision_overdue": c.decision_overdue, "withdrawn_at": c.withdrawn_at,
        "assigned_to": c.assigned_to.username if c.assigned_to_id else None,
        "penalty_id": penalty.pk if penalty else None,
        "evidence": [
            evidence_out(e, f"/api/v1/complaints/{c.pk}/evidence/{e.pk}/file")
            for e in c.evidence.all()
        ],
    }


class FiledOut(Schema):
    id: int
    state: str
    rulebook: str
    answer_due: datetime
    decision_due: datetime


@router.post("/complaints", response={201: FiledOut}, summary="File a malicious-harassment complaint")
def file_complaint(request, body: ComplaintIn):
    c = services.file_complaint(
        request.auth, body.trade_id, entry=body.entry, reason=body.reason,
        behaviours=[b.value for b in body.behaviours], relation=body.relation,
        harassed_person=body.harassed_person, message_ids=body.message_ids,
    )
    return Status(201, {"id": c.pk, "state": c.state, "rulebook": c.rulebook,
                        "answer_due": c.answer_due, "decision_due": c.decision_due})


@router.get("/complaints", response=list[ComplaintOut],
            summary="My cases; staff see all, filtered and ordered like the staff queue")
def list_complaints(request, state: str | None = None, tier: str | None = None,
                    behaviour: str | None = None, rulebook: str | None = None,
                    overdue: bool | None = None, assigned_to: str | None = None,
                    order: Literal["newest", "deadline"] = "newest", limit: int = 50, offset: int = 0):
    qs = services.search_complaints(
        request.auth, state=state, tier=tier, behaviour=behaviour, rulebook=rulebook, overdue=overdue,
        assigned_to=assigned_to, by_deadline=order == "deadline",
    ).select_related("assigned_to", "penalty").prefetch_related(
        "behaviours", "evidence__submitted_by", "evidence__blob")
    return [complaint_out(c) for c in qs[offset: offset + min(limit, 200)]]


@router.get("/complaints/{complaint_id}", response=ComplaintOut)
def get_complaint(request, complaint_id: int):
    return complaint_out(services.get_complaint(request.auth, complaint_id))


EVIDENCE_BODY = {
    "requestBody": {
        "content": {
            "multipart/form-data": {"schema": {"type": "object", "required": ["kind", "file"], "properties": {
                "kind": {"type": "string"}, "file": {"type": "string", "format": "binary"},
                "note": {"type": "string"}}}},
            "application/json": {"schema": {"type": "object", "required": ["kind", "reference"], "properties": {
                "kind": {"type": "string", "enum": ["im_evidence_number"]},
                "reference": {"type": "string"}, "note": {"type": "string"}}}},
        }
    }
}


def evidence_fields(request):
    """A file upload (multipart) or an evidence number (JSON), on one path."""
    if request.content_type == "multipart/form-data":
        return request.POST.get("kind", ""), request.FILES.get("file"), "", request.POST.get("note", "")
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        raise DomainError("invalid_input", _("The body is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise DomainError("invalid_input", _("The body must be a JSON object."))
    return str(data.get("kind", "")), None, str(data.get("reference", "")), str(data.get("note", ""))


@router.post("/complaints/{complaint_id}/evidence", response={201: EvidenceOut},
             openapi_extra=EVIDENCE_BODY, summary="Add evidence: a file, or an IM evidence number")
def add_evidence(request, complaint_id: int):
    kind, upload, reference, note = evidence_fields(request)
    item = services.add_evidence(request.auth, complaint_id, kind=kind, upload=upload,
                                 reference=reference, note=note)
    return Status(201, evidence_out(item, f"/api/v1/complaints/{complaint_id}/evidence/{item.pk}/file"))


@router.get("/complaints/{complaint_id}/evidence/{evidence_id}/file", summary="Download an evidence file")
def evidence_file(request, complaint_id: int, evidence_id: int):
    return serve_evidence_file(services.get_complaint(request.auth, complaint_id).evidence, evidence_id)


class AnswerIn(Schema):
    choice: AnswerChoice
    explanation: str = Field(min_length=1, max_length=5000)


@router.post("/complaints/{complaint_id}/answer", response=ComplaintOut)
def answer(request, complaint_id: int, body: AnswerIn):
    services.answer_complaint(request.auth, complaint_id, choice=body.choice, explanation=body.explanation)
    return complaint_out(services.get_complaint(request.auth, complaint_id))


@router.post("/complaints/{complaint_id}/withdraw", response=ComplaintOut)
def withdraw(request, complaint_id: int):
    services.withdraw_complaint(request.auth, complaint_id)
    return complaint_out(services.get_complaint(request.auth, complaint_id))


class WithdrawalProofIn(Schema):
    reference: str = Field(min_length=1, max_length=64)


@router.post("/complaints/{complaint_id}/withdrawal-proof", response=ComplaintOut,
             summary="The seller shows the buyer agreed to withdraw (staff review it)")
def withdrawal_proof(request, complaint_id: int, body: WithdrawalProofIn):
    services.request_withdrawal(request.auth, complaint_id, reference=body.reference)
    return complaint_out(services.get_complaint(request.auth, complaint_id))


class WithdrawalReviewIn(Schema):
    accepted: bool
    reason: str = ""


@router.post("/complaints/{complaint_id}/withdrawal-review", response=ComplaintOut)
def withdrawal_review(request, complaint_id: int, body: WithdrawalReviewIn):
    services.review_withdrawal(request.auth, complaint_id, accepted=body.accepted, reason=body.reason)
    return complaint_out(services.get_complaint(request.auth, complaint_id))


class DecisionIn(Schema):
    established: bool
    tier: str | None = Field(None, examples=[t.value for t in Tier])
    reason: str = Field(min_length=1, max_length=5000)
    behaviours_found: list[Behaviour] = []
    permanent_freeze: bool = False


@router.post("/complaints/{complaint_id}/decision", response=ComplaintOut)
def decide(request, complaint_id: int, body: DecisionIn):
    services.decide_complaint(
        request.auth, complaint_id, established=body.established, tier=body.tier or "",
        reason=body.reason, behaviours_found=[b.value for b in body.behaviours_found],
        permanent_freeze=body.permanent_freeze,
    )
    return complaint_out(services.get_complaint(request.auth, complaint_id))


class AssignIn(Schema):
    handler: str


@router.post("/complaints/{complaint_id}/assign", response=ComplaintOut, summary="Assign a case to a handler (staff)")
def assign(request, complaint_id: int, body: AssignIn):
    from weiquan.members.models import Member

    handler = Member.objects.filter(username=body.handler).first()
    if handler is None:
        raise NotFound(message=_("There is no such handler."))
    services.assign_complaint(request.auth, complaint_id, handler)
    return complaint_out(services.get_complaint(request.auth, complaint_id))
