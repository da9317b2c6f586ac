from datetime import datetime

from ninja import Router, Schema

from . import services
from .models import Notification

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    subject: str
    body: str
    complaint_id: int | None
    appeal_id: int | None
    created_at: datetime
    read_at: datetime | None


@router.get("/notifications", response=list[NotificationOut], summary="My inbox, newest first")
def inbox(request, unread: bool = False, limit: int = 50):
    qs = Notification.objects.filter(recipient=request.auth).select_related(
        "complaint__trade", "appeal__penalty__complaint__trade")
    if unread:
        qs = qs.filter(read_at__isnull=True)
    out = []
    for n in qs[: min(limit, 200)]:
        subject, body = services.render(n)  # in the request's language
        out.append({"id": n.pk, "kind": n.kind, "subject": subject, "body": body,
                    "complaint_id": n.complaint_id, "appeal_id": n.appeal_id,
                    "created_at": n.created_at, "read_at": n.read_at})
    return out


class ReadIn(Schema):
    ids: list[int] | None = None


@router.post("/notifications/read", summary="Mark some (or all) of my notifications read")
def mark_read(request, body: ReadIn):
    return {"marked": services.mark_read(request.auth, body.ids)}
