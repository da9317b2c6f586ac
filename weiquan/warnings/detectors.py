"""weiquan's own malicious-order detectors (RULES 9.1), run by the worker.

Set-based: each detector is one INSERT ... SELECT over the trades, its test an SQL
aggregate (GROUP BY ... HAVING) joined back to the orders it flags — never a Python
loop over trades. Thresholds come from the rulebook's `[warnings.detectors]` table.
Warnings are raised only on open or recent orders of stores with the protection tool
(RULES 9.1), never on an order already verified normal (RULES 9.4), and once per order
and type (ON CONFLICT DO NOTHING on the unique (trade, type)), so a run can be repeated
or run by two workers at once.

1. refund_abuse — a buyer with at least `min_orders` orders in the look-back, of which
   at least `min_claim_percent` % ended in a refund claim or in a harassment complaint
   the buyer filed: each of that buyer's recent orders at protected stores is flagged.
2. new_account_burst — a store received at least `min_orders` orders within the last
   `window_hours` from accounts younger than `account_age_days` at order time
   (`buyer_registered_at` on the trade): those orders are flagged.
3. shared_identity — one phone hash, or one address hash, behind at least
   `min_accounts` different buyers: their orders are flagged.
4. review_extortion — a buyer who, on at least `min_trades` trades, left a neutral or
   negative review and then sent the seller a message asking for money (one of the
   rulebook's `money_keywords`, after the trade succeeded): the buyer's orders are flagged.
"""

import datetime
import json
import uuid

from django.db import connection, transaction
from django.utils import timezone

from weiquan.audit.services import record_for_rows
from weiquan.complaints.models import Complaint
from weiquan.db import exclusive_section, is_postgres
from weiquan.members.models import AgencyGrant, AgencyRight, Member, Store
from weiquan.notifications.models import Notification
from weiquan.rulebook.registry import rulebook_in_force
from weiquan.trades.models import Message, Trade

from .models import DetectorRun, OrderWarning, Protection, Source, WarningState

DETECTOR_LABEL = "warning detectors"


def _tables():
    return {
        "W": OrderWarning._meta.db_table, "T": Trade._meta.db_table,
        "P": Protection._meta.db_table, "C": Complaint._meta.db_table,
        "M": Message._meta.db_table, "S": Store._meta.db_table,
        "N": Notification._meta.db_table, "G": AgencyGrant._meta.db_table,
        "U": Member._meta.db_table,
    }


def _age_days(alias):
    """Days between the buyer's registration and the order, in SQL for this database."""
    if is_postgres():
        return (f"EXTRACT(EPOCH FROM ({alias}.created_at - {alias}.buyer_registered_at))"
                f" / 86400.0")
    return f"(julianday({alias}.created_at) - julianday({alias}.buyer_registered_at))"


def _db_time(value):
    """A datetime as the ORM stores it (naive UTC text on SQLite), for raw SQL parameters,
    so that comparisons with stored values are exact on every database."""
    return connection.ops.adapt_datetimefield_value(value)


def _json_int(key, expr, first=False):
    return f"'{'{' if first else ', '}\"{key}\": ' || CAST({expr} AS VARCHAR(20))"


class _Run:
    def __init__(self, rulebook, now):
        self.rulebook, self.now = rulebook, now
        self.rules = rulebook.warnings
        self.token = uuid.uuid4().hex
        self.since = _db_time(now - datetime.timedelta(days=self.rules.lookback_days))
        self.at = _db_time(now)
        self.t = _tables()

    def insert(self, cursor, type_, *, join_sql, join_params, detail_sql, where_sql="",
               where_params=()):
        t = self.t
        sql = (
            f"INSERT INTO {t['W']} (store_id, trade_id, buyer_id, type, source, state,"
            f" evidence_required, rulebook, detail, platform_actions, raised_at, decided_label,"
            f" decision_note, sweep_token)"
            f" SELECT t.store_id, t.id, t.buyer_id, %s, %s, %s, %s, %s, {detail_sql}, '[]', %s,"
            f" '', '', %s"
            f" FROM {t['T']} t JOIN {t['P']} p ON p.store_id = t.store_id AND p.enabled"
            f" {join_sql}"
            f" WHERE t.created_at >= %s AND t.status <> %s {where_sql}"
            f" AND NOT EXISTS (SELECT 1 FROM {t['W']} n WHERE n.trade_id = t.id AND n.state = %s)"
            f" ON CONFLICT (trade_id, type) DO NOTHING"
        )
        params = [
            type_, Source.DETECTOR, WarningState.PENDING, self.rules.evidence_required(type_),
            self.rulebook.id, self.at, self.token, *join_params, self.since, Trade.Status.CLOSED,
            *where_params, WarningState.NORMAL,
        ]
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)

    # -- the detectors ---------------------------------------------------------------

    def refund_abuse(self, cursor, cfg):
        t = self.t
        # A claim: the trade's refund flag, or a harassment complaint its buyer filed about it
        # (joined once per trade, not probed per row).
        claimed = "CASE WHEN b.refund_claimed OR c.trade_id IS NOT NULL THEN 1 ELSE 0 END"
        join_sql = (
            f"JOIN (SELECT b.buyer_id, COUNT(*) AS n, SUM({claimed}) AS k FROM {t['T']} b"
            f" LEFT JOIN (SELECT DISTINCT trade_id, complainant_id FROM {t['C']}) c"
            f" ON c.trade_id = b.id AND c.complainant_id = b.buyer_id"
            f" WHERE b.created_at >= %s GROUP BY b.buyer_id"
            f" HAVING COUNT(*) >= %s AND 100 * SUM({claimed}) >= %s * COUNT(*)) a"
            f" ON a.buyer_id = t.buyer_id"
        )
        return self.insert(
            cursor, "refund_abuse", join_sql=join_sql,
            join_params=[self.since, cfg["min_orders"], cfg["min_claim_percent"]],
            detail_sql=_json_int("orders", "a.n", first=True) + " || " + _json_int("claims", "a.k")
            + " || '}'",
        )

    def new_account_burst(self, cursor, cfg):
        t = self.t
        start = _db_time(self.now - datetime.timedelta(hours=cfg["window_hours"]))
        new = "{a}.buyer_registered_at IS NOT NULL AND {age} < %s"
        join_sql = (
            f"JOIN (SELECT s.store_id, COUNT(*) AS n FROM {t['T']} s"
            f" WHERE s.created_at >= %s AND {new.format(a='s', age=_age_days('s'))}"
            f" GROUP BY s.store_id HAVING COUNT(*) >= %s) a ON a.store_id = t.store_id"
        )
        return self.insert(
            cursor, "new_account_burst", join_sql=join_sql,
            join_params=[start, cfg["account_age_days"], cfg["min_orders"]],
            detail_sql=_json_int("new_account_orders", "a.n", first=True) + " || '}'",
            where_sql=f"AND t.created_at >= %s AND {new.format(a='t', age=_age_days('t'))}",
            where_params=[start, cfg["account_age_days"]],
        )

    def shared_identity(self, cursor, cfg):
        t, total = self.t, 0
        for column, signal in (("buyer_phone_hash", "phone"), ("address_hash", "address")):
            # Distinct (hash, buyer) pairs first, then buyers per hash: a hash aggregate on
            # PostgreSQL instead of a sort per group for COUNT(DISTINCT).
            join_sql = (
                f"JOIN (SELECT d.k, COUNT(*) AS n FROM (SELECT DISTINCT h.{column} AS k, h.buyer_id"
                f" FROM {t['T']} h WHERE h.{column} <> '' AND h.created_at >= %s) d"
                f" GROUP BY d.k HAVING COUNT(*) >= %s) a ON a.k = t.{column}"
            )
            total += self.insert(
                cursor, "shared_identity", join_sql=join_sql,
                join_params=[self.since, cfg["min_accounts"]],
                detail_sql=f"'{{\"signal\": \"{signal}\"' || " + _json_int("accounts", "a.n")
                + " || '}'",
            )
        return total

    def review_extortion(self, cursor, cfg):
        t = self.t
        keywords = self.rules.money_keywords
        likes = " OR ".join(["m.text LIKE %s"] * len(keywords))
        # Neutral and negative reviews are a few per cent of trades: start from them. SQLite's
        # planner, without value histograms, would rather scan every trade in buyer order.
        hint = "" if is_postgres() else " INDEXED BY trade_review_created"
        join_sql = (
            f"JOIN (SELECT r.buyer_id, COUNT(*) AS n FROM {t['T']} r{hint}"
            f" WHERE r.created_at >= %s AND r.buyer_review IN (%s, %s) AND r.succeeded_at IS NOT NULL"
            f" AND EXISTS (SELECT 1 FROM {t['M']} m WHERE m.trade_id = r.id"
            f" AND m.sender_id = r.buyer_id AND m.sent_at >= r.succeeded_at AND ({likes}))"
            f" GROUP BY r.buyer_id HAVING COUNT(*) >= %s) a ON a.buyer_id = t.buyer_id"
        )
        return self.insert(
            cursor, "review_extortion", join_sql=join_sql,
            join_params=[self.since, Trade.Review.NEUTRAL, Trade.Review.NEGATIVE,
                         *[f"%{k}%" for k in keywords], cfg["min_trades"]],
            detail_sql=_json_int("trades_with_demands", "a.n", first=True) + " || '}'",
        )

    # -- after the inserts -----------------------------------------------------------

    def record_and_notify(self, cursor):
        record_for_rows(
            action="warning.raised", table=self.t["W"], where_sql="sweep_token = %s",
            params=[self.token], actor_label=DETECTOR_LABEL, from_state_sql="''",
            to_state_sql="state", rulebook_sql="rulebook", object_type="orderwarning", at=self.now,
        )
        t = self.t
        name = "REPLACE(REPLACE(s.name, '\\', '\\\\'), '\"', '\\\"')"
        # The owner, and the active agencies serving the store for warnings (RULES 1.3).
        recipients = (
            f"SELECT id AS store_id, owner_id AS recipient_id FROM {t['S']}"
            f" UNION SELECT g.store_id, g.agency_id FROM {t['G']} g JOIN {t['U']} u ON u.id = g.agency_id"
            f" WHERE g.\"right\" = %s AND g.revoked_at IS NULL AND u.is_active = %s"
        )
        cursor.execute(
            f"INSERT INTO {t['N']} (recipient_id, kind, complaint_id, appeal_id, params,"
            f" created_at, email_state, email_attempts)"
            f" SELECT r.recipient_id, 'warnings_raised', NULL, NULL,"
            f" {_json_int('count', 'COUNT(*)', first=True)} || ', \"store\": \"' || {name} || '\"}}',"
            f" %s, 'pending', 0"
            f" FROM {t['W']} w JOIN {t['S']} s ON s.id = w.store_id"
            f" JOIN ({recipients}) r ON r.store_id = s.id WHERE w.sweep_token = %s"
            f" GROUP BY s.id, r.recipient_id, s.name",
            [self.at, AgencyRight.HANDLE_WARNINGS.value, True, self.token],
        )


def run_detectors(now=None, rulebook=None):
    """Run every detector the rulebook configures; returns {detector: warnings raised}."""
    now = now or timezone.now()
    rulebook = rulebook or rulebook_in_force(now)
    if rulebook.warnings is None:
        return {}
    run = _Run(rulebook, now)
    counts = {}
    with transaction.atomic(), connection.cursor() as cursor:
        for name, cfg in rulebook.warnings.detectors.items():
            counts[name] = getattr(run, name)(cursor, cfg)
        if any(counts.values()):
            run.record_and_notify(cursor)
    return counts


def run_detectors_if_due(now):
    """The worker's job: run the detectors at most every `detect_every_minutes`."""
    rulebook = rulebook_in_force(now)
    if rulebook.warnings is None:
        return 0
    every = datetime.timedelta(minutes=rulebook.warnings.detect_every_minutes)
    with transaction.atomic():
        exclusive_section("warning-detectors")
        last = DetectorRun.objects.order_by("-started_at").values_list("started_at", flat=True).first()
        if last is not None and now - last < every and last <= now:
            return 0
        run = DetectorRun.objects.create(started_at=now)
        counts = run_detectors(now, rulebook)
        DetectorRun.objects.filter(pk=run.pk).update(finished_at=timezone.now(),
                                                     counts=json.dumps(counts))
    return sum(counts.values())
