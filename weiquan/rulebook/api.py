from datetime import date
from decimal import Decimal

from ninja import Router, Schema

from .registry import all_rulebooks, get_rulebook, rulebook_in_force

router = Router(tags=["rulebooks"])


class TierOut(Schema):
    tier: str
    points: int
    point_class: str
    compensation: Decimal
    hide_store_days: int
    freeze: str
    freeze_days: int
    permanent_freeze_allowed: bool


class RulebookOut(Schema):
    id: str
    title: str
    sources: list[str]
    effective_from: date
    in_force: bool
    filing: dict
    deadlines: dict
    tiers: list[TierOut]


def rulebook_out(book, current):
    return {
        "id": book.id, "title": book.title, "sources": list(book.sources), "effective_from": book.effective_from,
        "in_force": book.id == current,
        "filing": {"window": vars(book.filing.window), "required_trade_status": book.filing.required_trade_status,
                   "excluded_channels": list(book.filing.excluded_channels),
                   "review_required": book.filing.review_required, "review_values": list(book.filing.review_values),
                   "mutual_review_required": book.filing.mutual_review_required},
        "deadlines": {name: vars(d) for name, d in book.deadlines.items()},
        "tiers": [vars(t) for t in book.tiers.values()],
    }


@router.get("/rulebooks", response=list[RulebookOut], summary="Every rulebook and which is in force")
def list_rulebooks(request):
    current = rulebook_in_force().id
    return [rulebook_out(b, current) for b in all_rulebooks().values()]


@router.get("/rulebooks/{rulebook_id}", response=RulebookOut)
def show_rulebook(request, rulebook_id: str):
    return rulebook_out(get_rulebook(rulebook_id), rulebook_in_force().id)
