"""Demo data for malicious-order warnings (RULES 9), for the demo loader:

    from weiquan.warnings.demo import load_demo_warnings
    load_demo_warnings(stores, buyers)

`stores` and `buyers` are Store / Member objects (or their names / usernames). Each store
gets the protection tool, a few risky orders, a warning the platform already handled, a
pending one needing evidence and one that does not, plus whatever the detectors find in
a small shared-phone ring. Safe to call twice: existing orders and warnings are kept.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from weiquan.members.models import Member, Store
from weiquan.members.services import ensure_member
from weiquan.trades.services import upsert_trade

from . import services
from .detectors import run_detectors
from .models import OrderWarning, Protection


def _store(value):
    return value if isinstance(value, Store) else Store.objects.get(name=value)


def _buyer(value):
    return value if isinstance(value, Member) else ensure_member(value)


@transaction.atomic
def load_demo_warnings(stores, buyers):
    stores = [_store(s) for s in stores]
    buyers = [_buyer(b) for b in buyers]
    if not stores or not buyers:
        return {"stores": 0, "warnings": 0}
    engine = ensure_member("demo_risk_engine", role=Member.Role.PLATFORM, nickname="风控引擎")
    now = timezone.now()
    for store in stores:
        Protection.objects.update_or_create(
            store=store, defaults={"enabled": True, "changed_at": now, "changed_by": store.owner})
    for i, store in enumerate(stores):
        def order(n, buyer, store=store, **fields):
            trade_id = f"DEMO-W-{store.pk}-{n}"
            upsert_trade(engine, trade_id, buyer=buyer.username, seller=store.owner.username,
                         store=store.name, channel="taobao", status=fields.pop("status", "paid"),
                         title=fields.pop("title", "演示商品"), **fields)
            return trade_id

        others = [b for b in buyers if b.pk != store.owner_id] or [ensure_member("demo_buyer")]
        handled = order(1, others[i % len(others)], title="蓝牙耳机")
        pending_evidence = order(2, others[(i + 1) % len(others)], title="羊毛围巾")
        pending_plain = order(3, others[(i + 2) % len(others)], title="保温杯")
        # A small ring: three throw-away accounts behind one phone (shared_identity).
        for n in range(3):
            ring = ensure_member(f"demo_ring_{store.pk}_{n}")
            order(10 + n, ring, buyer_phone_hash=f"demo-phone-{store.pk}",
                  buyer_registered_at=now - datetime.timedelta(days=1))
        for trade_id, kwargs in (
            (handled, {"type": "platform_risk", "handled": True,
                       "platform_actions": ["metrics_cleaned", "account_penalised"],
                       "reason": "刷单团伙，已清理销量并处罚买家账号"}),
            (pending_evidence, {"type": "malicious_return", "reason": "该买家多次退回空包"}),
            (pending_plain, {"type": "platform_risk", "reason": "下单设备与多个风险账号关联"}),
        ):
            if not OrderWarning.objects.filter(trade__external_id=trade_id, type=kwargs["type"]).exists():
                services.raise_warning(engine, trade_id, **kwargs)
    found = run_detectors(now)
    return {"stores": len(stores), "warnings": OrderWarning.objects.filter(store__in=stores).count(),
            "detectors": found}
