from datetime import datetime

from django.http import HttpResponse
from ninja import Router, Schema, Status
from pydantic import Field

from . import services
from .models import Address, Channel

router = Router(tags=["relay"])


class GateIn(Schema):
    trade_id: str
    caller: str
    callee: str
    channel: Channel
    # When the provider saw the attempt; default now.
    at: datetime | None = None
    # For sms/im: the message sent through the platform, stored when allowed (RULES 3.3).
    message_id: str = Field("", max_length=64)
    text: str = Field("", max_length=5000)


class GateOut(Schema):
    attempt_id: str
    decision: str
    reason: str
    message: str
    at: datetime


def decision_out(d):
    return {"attempt_id": d.attempt_id, "decision": "allow" if d.allowed else "deny",
            "reason": d.reason, "message": str(d.message), "at": d.at}


@router.post("/contact-gate", response=GateOut,
             summary="May this member contact that one now? (platform; RULES 2.2 a, 10.3)")
def post_contact_gate(request, body: GateIn):
    return decision_out(services.decide_contact(
        request.auth, trade_id=body.trade_id, caller=body.caller, callee=body.callee,
        channel=body.channel, at=body.at, message_id=body.message_id, text=body.text))


class OutcomeIn(Schema):
    answered: bool
    duration_seconds: int = Field(0, ge=0)


class AttemptOut(Schema):
    attempt_id: str
    trade_id: str
    channel: str
    at: datetime
    decision: str
    reason: str
    answered: bool | None
    duration_seconds: int | None


def attempt_out(a):
    return {"attempt_id": a.attempt_id, "trade_id": a.trade.external_id, "channel": a.channel,
            "at": a.at, "decision": "allow" if a.allowed else "deny", "reason": a.reason,
            "answered": a.answered, "duration_seconds": a.duration_seconds}


@router.post("/contact-gate/{attempt_id}/outcome", response=AttemptOut,
             summary="How an allowed call ended (platform)")
def post_outcome(request, attempt_id: str, body: OutcomeIn):
    return attempt_out(services.report_outcome(request.auth, attempt_id, answered=body.answered,
                                               duration_seconds=body.duration_seconds))


class PreferencesIn(Schema):
    channels: list[Channel] = Field(min_length=1)
    timezone: str = Field("", max_length=64)


class PreferencesOut(Schema):
    channels: list[str]
    timezone: str


def preferences_out(p):
    return {"channels": p.allowed_channels or list(Channel.values), "timezone": p.timezone}


@router.get("/me/contact-preferences", response=PreferencesOut, summary="My contact preferences")
def get_preferences(request):
    return preferences_out(services.contact_preferences(request.auth))


@router.put("/me/contact-preferences", response=PreferencesOut,
            summary="Choose how sellers may contact me, e.g. messages only (RULES 10.3)")
def put_preferences(request, body: PreferencesIn):
    return preferences_out(services.set_contact_preferences(
        request.auth, channels=[c.value for c in body.channels], zone=body.timezone))


class ContactEvidenceIn(Schema):
    attempt_ids: list[str] = Field(default_factory=list, max_length=500)
    message_ids: list[str] = Field(default_factory=list, max_length=500)


class ContactEvidenceOut(Schema):
    number: str
    complaint_id: int
    sha256: str
    created_at: datetime
    records: list[dict] | None = None
    sha256_now: str | None = None
    intact: bool | None = None


@router.post("/complaints/{complaint_id}/contact-evidence", response={201: ContactEvidenceOut},
             summary="Issue an evidence number over chosen calls and messages (RULES 3.3)")
def post_contact_evidence(request, complaint_id: int, body: ContactEvidenceIn):
    e = services.issue_contact_evidence(request.auth, complaint_id, attempt_ids=body.attempt_ids,
                                        message_ids=body.message_ids)
    return Status(201, {"number": e.number, "complaint_id": e.complaint_id, "sha256": e.sha256,
                        "created_at": e.created_at})


@router.get("/contact-evidence/{number}", response=ContactEvidenceOut,
            summary="Resolve a contact-log evidence number and re-check it (staff)")
def get_contact_evidence(request, number: str):
    e, records, now_digest, intact = services.resolve_contact_evidence(request.auth, number)
    return {"number": e.number, "complaint_id": e.complaint_id, "sha256": e.sha256,
            "created_at": e.created_at, "records": records, "sha256_now": now_digest, "intact": intact}


class AddressIn(Schema):
    label: str = Field(min_length=1, max_length=64)
    kind: Address.Kind = Address.Kind.HOME
    province: str = Field(max_length=64)
    city: str = Field(max_length=64)
    district: str = Field("", max_length=64)
    street: str = Field("", max_length=200)
    building: str = Field("", max_length=100)
    unit: str = Field("", max_length=32)
    room: str = Field("", max_length=32)
    postcode: str = Field("", max_length=16)
    is_default: bool = False


class ContactDetailsIn(Schema):
    real_name: str = Field("", max_length=100)
    phone: str = Field("", max_length=32)
    phone_is_dedicated: bool = False
    addresses: list[AddressIn] = Field(default_factory=list, max_length=50)


class ContactDetailsOut(ContactDetailsIn):
    username: str


def details_out(member, profile, addresses):
    return {"username": member.username, "real_name": profile.real_name, "phone": profile.phone,
            "phone_is_dedicated": profile.phone_is_dedicated,
            "addresses": [{f: getattr(a, f) for f in ("label", *services.ADDRESS_FIELDS)} for a in addresses]}


@router.put("/members/{username}/contact-details", response=ContactDetailsOut,
            summary="Push a member's real contact details (platform)")
def put_contact_details(request, username: str, body: ContactDetailsIn):
    profile = services.push_contact_details(
        request.auth, username, real_name=body.real_name, phone=body.phone,
        phone_is_dedicated=body.phone_is_dedicated, addresses=[a.dict() for a in body.addresses])
    return details_out(profile.member, profile, profile.member.addresses.all())


@router.get("/me/contact-details", response=ContactDetailsOut, summary="My own contact details")
def get_contact_details(request):
    profile, addresses = services.own_contact_details(request.auth)
    return details_out(request.auth, profile, addresses)


class Finding(Schema):
    code: str
    subject: str
    problem: str
    fix: str


class PrivacyCheckOut(Schema):
    findings: list[Finding]


@router.get("/me/privacy-check", response=PrivacyCheckOut,
            summary="What my saved details give away, and how to fix it (RULES 10.2)")
def get_privacy_check(request):
    return {"findings": [{**f, "problem": str(f["problem"]), "fix": str(f["fix"])}
                         for f in services.privacy_check(request.auth)]}


class BuyerContactOut(Schema):
    trade_id: str
    buyer_nickname: str
    virtual_number: str | None
    virtual_number_expires_at: datetime | None
    address: str


@router.get("/trades/{trade_id}/buyer-contact", response=BuyerContactOut,
            summary="The buyer as its seller sees it: nickname, virtual number, masked address")
def get_buyer_contact(request, trade_id: str):
    out = services.buyer_contact_for_seller(request.auth, trade_id)
    return {**out, "buyer_nickname": str(out["buyer_nickname"])}


@router.get("/trades/{trade_id}/waybill.pdf", summary="The privacy waybill (seller), as PDF")
def get_waybill(request, trade_id: str):
    from .waybill import waybill_pdf

    pdf = waybill_pdf(services.buyer_contact_for_seller(request.auth, trade_id))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="waybill-{trade_id}.pdf"'
    return response


class PoolIn(Schema):
    numbers: list[str] = Field(min_length=1, max_length=10000)
    active: bool = True


@router.put("/relay/pool", summary="Add or retire virtual numbers of the pool (platform)")
def put_pool(request, body: PoolIn):
    return {"active_numbers": services.load_pool(request.auth, body.numbers, active=body.active)}


class ConnectIn(Schema):
    virtual_number: str
    caller: str
    channel: Channel = Channel.CALL
    at: datetime | None = None


class ConnectOut(GateOut):
    trade_id: str
    callee: str
    callee_phone: str


@router.post("/relay/connect", response=ConnectOut,
             summary="Who a call to a virtual number reaches, through the gate (platform)")
def post_connect(request, body: ConnectIn):
    decision, trade, callee, phone = services.connect(
        request.auth, virtual_number=body.virtual_number, caller=body.caller, channel=body.channel,
        at=body.at)
    return {**decision_out(decision), "trade_id": trade.external_id, "callee": callee.username,
            "callee_phone": phone}
