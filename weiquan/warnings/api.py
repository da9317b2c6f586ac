"""Malicious-order warnings and the malicious-behaviour complaint centre (RULES 9).
Handlers stay thin: every rule is in services.py."""

import json
from datetime import datetime
from typing import Literal

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status
from ninja.errors import ValidationError
from pydantic import Field
from pydantic import ValidationError as PydanticError

from weiquan.errors import DomainError
from weiquan.evidence.models import EvidenceKind
from weiquan.evidence.views import serve_evidence_file

from . import services
from .models import TYPE_LABELS, PlatformAction

router = Router(tags=["warnings"])

# The OpenAPI description is developer documentation, written once in English; responses
# carry the advice in the reader's language, rendered per request.
with translation.override("en"):
    CLOSE_HELP = str(services.CLOSING_ADVICE)


def closing_advice():
    return str(services.CLOSING_ADVICE)


class StoreOut(Schema):
    id: int
    name: str
    owner: str
    protected: bool


@router.get("/stores", response=list[StoreOut],
            summary="Stores I own or serve as an agency for warnings (RULES 1.3, 9.1)")
def my_stores(request):
    return [{"id": s.pk, "name": s.name, "owner": s.owner.username, "protected": on}
            for s, on in services.stores_for(request.auth)]


class ProtectionIn(Schema):
    enabled: bool


class ProtectionOut(Schema):
    store_id: int
    store: str
    enabled: bool


@router.get("/stores/{store_id}/protection", response=ProtectionOut)
def get_protection(request, store_id: int):
    store, enabled = services.protection_of(request.auth, store_id)
    return {"store_id": store.pk, "store": store.name, "enabled": enabled}


@router.put("/stores/{store_id}/protection", response=ProtectionOut,
            summary="Turn the malicious-order protection tool on or off (owner, RULES 9.1)")
def put_protection(request, store_id: int, body: ProtectionIn):
    store, enabled = services.set_protection(request.auth, store_id, body.enabled)
    return {"store_id": store.pk, "store": store.name, "enabled": enabled}


class EvidenceIn(Schema):
    kind: EvidenceKind
    reference: str = Field("", max_length=64, description="IM evidence number, waybill number...")
    note: str = Field("", max_length=500)
    file: str = Field("", max_length=100, description="multipart only: the name of the file part")


class EvidenceOut(Schema):
    id: int
    kind: str
    reference: str
    note: str
    original_name: str
    content_type: str
    file_url: str | None
    submitted_by: str
    submitted_at: datetime


def evidence_out(e, base):
    return {"id": e.pk, "kind": e.kind, "reference": e.reference, "note": e.note,
            "original_name": e.original_name, "content_type": e.blob.content_type if e.blob_id else "",
            "file_url": f"{base}/evidence/{e.pk}/file" if e.blob_id else None,
            "submitted_by": e.submitted_by.username, "submitted_at": e.submitted_at}


def body_with_files(request, schema):
    """JSON as before, or multipart (RULES 9.2, 9.5: photos of an empty parcel, chat
    screenshots): the form's `evidence` field is the same JSON list, and an item's `file`
    names the file part it comes with. Returns (validated body, evidence dicts)."""
    if request.content_type == "multipart/form-data":
        data = {k: v for k, v in request.POST.items() if k != "evidence"}
        try:
            data["evidence"] = json.loads(request.POST.get("evidence") or "[]")
        except ValueError:
            raise DomainError("invalid_input", _("The evidence field is not valid JSON.")) from None
    else:
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            raise DomainError("invalid_input", _("The body is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise DomainError("invalid_input", _("The body must be a JSON object."))
    try:
        body = schema.model_validate(data)
    except PydanticError as exc:
        raise ValidationError(exc.errors(include_url=False, include_context=False)) from None
    items = []
    for e in body.evidence:
        item = {"kind": e.kind.value, "reference": e.reference, "note": e.note}
        if e.file:
            upload = request.FILES.get(e.file)
            if upload is None:
                raise DomainError("invalid_input", _("A file named in the evidence was not sent."))
            item["upload"] = upload
        items.append(item)
    return body, items


def _multipart(summary_fields):
    """The OpenAPI request body of an action taking evidence files (see body_with_files)."""
    props = {"evidence": {"type": "string", "description": "JSON list of evidence items; an item's "
                          "`file` names a file part"}, **summary_fields}
    return {"requestBody": {"content": {
        "application/json": {"schema": {"type": "object", "properties": {
            **summary_fields, "evidence": {"type": "array", "items": {"type": "object"}}}}},
        "multipart/form-data": {"schema": {"type": "object", "properties": props,
                                           "additionalProperties": {"type": "string", "format": "binary"}}},
    }}}


class WarningOut(Schema):
    id: int
    store_id: int
    store: str
    trade_id: str
    buyer: str
    type: str
    type_label: str
    source: str
    state: str
    list: str
    evidence_required: bool
    rulebook: str
    detail: dict
    platform_actions: list[str]
    platform_actions_text: list[str]
    raised_at: datetime
    decided_at: datetime | None
    decided_by: str | None
    decision_note: str
    platform_verdict: str
    platform_verdict_at: datetime | None
    evidence: list[EvidenceOut]
    advice: str


def _list_of(state):
    return next((name for name, states in services.LISTS.items() if state in states), "")


def warning_out(w):
    actions = json.loads(w.platform_actions or "[]")
    return {
        "id": w.pk, "store_id": w.store_id, "store": w.store.name, "trade_id": w.trade.external_id,
        "buyer": w.buyer.username, "type": w.type, "type_label": str(TYPE_LABELS.get(w.type, w.type)),
        "source": w.source, "state": w.state, "list": _list_of(w.state),
        "evidence_required": w.evidence_required, "rulebook": w.rulebook,
        "detail": json.loads(w.detail or "{}"), "platform_actions": actions,
        "platform_actions_text": [str(PlatformAction(a).label) for a in actions],
        "raised_at": w.raised_at, "decided_at": w.decided_at,
        "decided_by": w.decided_label or None, "decision_note": w.decision_note,
        "platform_verdict": w.platform_verdict, "platform_verdict_at": w.platform_verdict_at,
        "evidence": [evidence_out(e, f"/api/v1/warnings/{w.pk}")
                     for e in w.evidence.select_related("submitted_by", "blob")],
        "advice": closing_advice(),
    }


class RaiseIn(Schema):
    trade_id: str = Field(min_length=1, max_length=64)
    type: str = Field(min_length=1, max_length=32, examples=list(TYPE_LABELS))
    handled: bool = False
    platform_actions: list[PlatformAction] = []
    reason: str = Field("", max_length=2000)


@router.post("/warnings", response={201: WarningOut},
             summary="The marketplace's risk engine reports a risky order (platform, RULES 9.1)")
def post_warning(request, body: RaiseIn):
    warning = services.raise_warning(
        request.auth, body.trade_id, type=body.type, handled=body.handled,
        platform_actions=[a.value for a in body.platform_actions], reason=body.reason)
    return Status(201, warning_out(services.get_warning_any(warning.pk)))


class WarningListOut(Schema):
    store_id: int
    store: str
    list: str
    warnings: list[WarningOut]
    advice: str


@router.get("/stores/{store_id}/warnings", response=WarningListOut,
            summary="Warnings handled by the platform, or pending the seller's judgement (RULES 9.1)")
def list_warnings(request, store_id: int, list: Literal["pending", "handled", "judged"] = "pending",
                  limit: int = 50, offset: int = 0):
    store, qs = services.store_warnings(request.auth, store_id, list)
    return {"store_id": store.pk, "store": store.name, "list": list, "advice": closing_advice(),
            "warnings": [warning_out(w) for w in qs[offset: offset + min(limit, 200)]]}


@router.get("/warnings/{warning_id}", response=WarningOut)
def get_warning(request, warning_id: int):
    return warning_out(services.get_warning(request.auth, warning_id))


class ConfirmIn(Schema):
    evidence: list[EvidenceIn] = Field([], max_length=20)
    note: str = Field("", max_length=2000)


@router.post("/warnings/{warning_id}/confirm", response=WarningOut,
             openapi_extra=_multipart({"note": {"type": "string"}}),
             summary="Confirm the risk; with evidence (files or IM evidence numbers) where the "
                     "type needs it (RULES 9.2)")
def confirm(request, warning_id: int):
    body, evidence = body_with_files(request, ConfirmIn)
    services.confirm_warning(request.auth, warning_id, evidence=evidence, note=body.note)
    return warning_out(services.get_warning(request.auth, warning_id))


@router.get("/warnings/{warning_id}/evidence/{evidence_id}/file", summary="Download an evidence file")
def warning_evidence_file(request, warning_id: int, evidence_id: int):
    return serve_evidence_file(services.get_warning(request.auth, warning_id).evidence, evidence_id)


class NoteIn(Schema):
    note: str = Field("", max_length=2000)


@router.post("/warnings/{warning_id}/normal", response=WarningOut,
             summary="Verified normal (核实正常): final, the order can no longer be reported (RULES 9.4)")
def normal(request, warning_id: int, body: NoteIn):
    services.mark_normal(request.auth, warning_id, note=body.note)
    return warning_out(services.get_warning(request.auth, warning_id))


@router.post("/warnings/{warning_id}/ignore", response=WarningOut, summary="Ignore it (RULES 9.2)")
def ignore(request, warning_id: int):
    services.ignore_warning(request.auth, warning_id)
    return warning_out(services.get_warning(request.auth, warning_id))


class BatchIn(Schema):
    warning_ids: list[int] = Field(min_length=1, max_length=500)
    note: str = Field("", max_length=2000)


class BatchOut(Schema):
    confirmed: list[int]


@router.post("/stores/{store_id}/warnings/confirm-batch", response=BatchOut,
             summary="Confirm several warnings that need no evidence (RULES 9.3)")
def confirm_batch(request, store_id: int, body: BatchIn):
    warnings = services.confirm_batch(request.auth, store_id, body.warning_ids, note=body.note)
    return {"confirmed": [w.pk for w in warnings]}


class CloseIn(Schema):
    im_evidence_number: str = Field("", max_length=64, description=CLOSE_HELP)


class ClosureOut(Schema):
    id: int
    warning_id: int
    trade_id: str
    state: str
    agreement: str
    reference: str
    requested_by: str
    requested_at: datetime
    settled_at: datetime | None
    trade_status: str
    advice: str


def closure_out(c):
    c.trade.refresh_from_db(fields=["status"])
    return {"id": c.pk, "warning_id": c.warning_id, "trade_id": c.trade.external_id, "state": c.state,
            "agreement": c.agreement, "reference": c.reference, "requested_by": c.requested_label,
            "requested_at": c.requested_at, "settled_at": c.settled_at,
            "trade_status": c.trade.status, "advice": closing_advice()}


@router.post("/warnings/{warning_id}/close-order", response={201: ClosureOut},
             summary="Close a warned order only with the buyer's agreement (RULES 9.6)",
             description=CLOSE_HELP)
def close_order(request, warning_id: int, body: CloseIn):
    closure = services.close_warned_order(request.auth, warning_id,
                                          im_evidence_number=body.im_evidence_number)
    return Status(201, closure_out(closure))


@router.get("/order-closures", response=list[ClosureOut],
            summary="Sellers' requests to close my orders, awaiting my answer (buyer, RULES 9.6)")
def my_closures(request):
    return [closure_out(c) for c in services.pending_closures_for_buyer(request.auth)
            .select_related("trade")]


class ClosureAnswerIn(Schema):
    agree: bool


@router.post("/order-closures/{closure_id}/answer", response=ClosureOut,
             summary="The buyer agrees to close the order, or refuses (RULES 9.6)")
def answer_closure(request, closure_id: int, body: ClosureAnswerIn):
    return closure_out(services.answer_closure(request.auth, closure_id, agree=body.agree))


# --- The malicious-behaviour complaint centre (RULES 9.5) -------------------------------


class CaseIn(Schema):
    trade_id: str = Field(min_length=1, max_length=64)
    warning_id: int | None = None
    reason: str = Field(min_length=1, max_length=5000)
    evidence: list[EvidenceIn] = Field(min_length=1, max_length=20)


class CaseOut(Schema):
    id: int
    store_id: int
    store: str
    trade_id: str
    buyer: str
    complainant: str
    warning_id: int | None
    reason: str
    state: str
    rulebook: str
    filed_at: datetime
    decision_due: datetime
    decision_overdue: bool
    decided_at: datetime | None
    decision_reason: str
    platform_actions: list[str]
    evidence: list[EvidenceOut]


def case_out(c):
    return {
        "id": c.pk, "store_id": c.store_id, "store": c.store.name, "trade_id": c.trade.external_id,
        "buyer": c.buyer.username, "complainant": c.complainant_label, "warning_id": c.warning_id,
        "reason": c.reason, "state": c.state, "rulebook": c.rulebook, "filed_at": c.filed_at,
        "decision_due": c.decision_due, "decision_overdue": c.decision_overdue,
        "decided_at": c.decided_at, "decision_reason": c.decision_reason,
        "platform_actions": json.loads(c.platform_actions or "[]"),
        "evidence": [evidence_out(e, f"/api/v1/malicious-complaints/{c.pk}")
                     for e in c.evidence.select_related("submitted_by", "blob")],
    }


@router.post("/malicious-complaints", response={201: CaseOut},
             openapi_extra=_multipart({"trade_id": {"type": "string"}, "warning_id": {"type": "integer"},
                                       "reason": {"type": "string"}}),
             summary="A seller complains that an order is malicious (恶意行为投诉, RULES 9.5); "
                     "evidence as files or IM evidence numbers")
def file_case(request):
    body, evidence = body_with_files(request, CaseIn)
    case = services.file_malicious_complaint(
        request.auth, body.trade_id, reason=body.reason, warning_id=body.warning_id, evidence=evidence)
    return Status(201, case_out(services.get_case(request.auth, case.pk)))


@router.get("/malicious-complaints/{case_id}/evidence/{evidence_id}/file",
            summary="Download an evidence file")
def case_evidence_file(request, case_id: int, evidence_id: int):
    return serve_evidence_file(services.get_case(request.auth, case_id).evidence, evidence_id)


@router.get("/malicious-complaints", response=list[CaseOut],
            summary="My stores' cases (staff: all, filterable by state)")
def list_cases(request, state: str | None = None, limit: int = 50, offset: int = 0):
    qs = services.visible_cases(request.auth)
    if state:
        qs = qs.filter(state=state)
    return [case_out(c) for c in qs[offset: offset + min(limit, 200)]]


@router.get("/malicious-complaints/{case_id}", response=CaseOut)
def get_case(request, case_id: int):
    return case_out(services.get_case(request.auth, case_id))


class CaseDecisionIn(Schema):
    established: bool
    reason: str = Field(min_length=1, max_length=5000)
    platform_actions: list[PlatformAction] = []


@router.post("/malicious-complaints/{case_id}/decision", response=CaseOut,
             summary="Staff verify and decide within the rulebook's working days (RULES 9.5)")
def decide_case(request, case_id: int, body: CaseDecisionIn):
    services.decide_malicious_complaint(
        request.auth, case_id, established=body.established, reason=body.reason,
        platform_actions=[a.value for a in body.platform_actions])
    return case_out(services.get_case(request.auth, case_id))
