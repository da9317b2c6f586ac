"""The shape of a rulebook file, and its validation.

A rulebook holds every number the process uses (RULES 7.1): windows, deadlines, points,
money and the mapping from severity tier to penalty. A file that does not fit stops
start-up with a message naming the file and the field.
"""

import datetime
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

TIERS = ("general", "serious", "especially_serious")
TRADE_STATUSES = ("paid", "shipped", "success", "closed")
REVIEW_VALUES = ("positive", "neutral", "negative")
DURATION_UNITS = ("calendar", "working")
FREEZE_KINDS = ("none", "temporary", "permanent")
POINTS_PERIODS = ("calendar_year",)
DEADLINES = ("answer", "decision", "withdrawal_review", "appeal", "appeal_review")
CONTACT_CHANNELS = ("call", "sms", "im")
# The detectors weiquan runs over the trades it holds (RULES 9.1), and their thresholds.
DETECTORS = {
    "refund_abuse": ("min_orders", "min_claim_percent"),
    "new_account_burst": ("account_age_days", "window_hours", "min_orders"),
    "shared_identity": ("min_accounts",),
    "review_extortion": ("min_trades",),
}


class RulebookInvalid(Exception):
    def __init__(self, path, field_name, problem):
        self.path, self.field_name, self.problem = str(path), field_name, problem
        super().__init__(f"rulebook {path}: field '{field_name}': {problem}")


@dataclass(frozen=True)
class Duration:
    days: int
    unit: str  # "calendar": exact 24-hour days; "working": Chinese working days

    def __str__(self):
        return f"{self.days} {self.unit} days"


@dataclass(frozen=True)
class TierPenalty:
    tier: str
    points: int = 0
    point_class: str = ""
    compensation: Decimal = Decimal("0")
    hide_store_days: int = 0
    freeze: str = "none"
    freeze_days: int = 0
    permanent_freeze_allowed: bool = False


@dataclass(frozen=True)
class Filing:
    window: Duration
    required_trade_status: str
    excluded_channels: tuple
    review_required: bool
    review_values: tuple = ()
    mutual_review_required: bool = False


@dataclass(frozen=True)
class ContactCap:
    channel: str
    count: int
    minutes: int


@dataclass(frozen=True)
class ContactGate:
    """How often and when one member may contact another about a trade (RULES 2.2 a, 10.3),
    and how long a virtual number stays bound after the trade ends (RULES 10.2)."""

    timezone: str  # the callee's time zone when the callee has not set one
    quiet_start: datetime.time
    quiet_end: datetime.time
    quiet_channels: tuple
    caps: tuple  # of ContactCap
    unanswered_run: int  # after this many unanswered calls in a row, no new call ...
    unanswered_reset_minutes: int  # ... until this long after the last one
    negative_review_cooling_days: int
    negative_review_channels: tuple  # what is still allowed while cooling off
    complaint_open_channels: tuple  # what is still allowed while a complaint is open
    binding_days_after_trade_end: int

    def caps_for(self, channel):
        return tuple(c for c in self.caps if c.channel == channel)


SCREENER_LABELS = ("threat", "doxxing", "abuse", "review_pressure", "sexual")
CONTACT_PATTERNS = ("burst", "night", "unanswered_redial", "bombing")
BEHAVIOURS = ("frequent_contact", "abuse", "threat", "review_outsourcing", "harassing_items", "home_visit")


@dataclass(frozen=True)
class RiskRules:
    """What the platform does with what it sees in its own data (issue 6 §3)."""

    strong_score: float  # a pair whose strongest signal reaches this is queued for staff
    pattern_score: float  # the score of a contact pattern the scanner flags
    notify_labels: tuple  # a recipient is told of a message carrying one of these labels
    behaviour_of: dict  # screener label or contact pattern -> behaviour of RULES 2.2


@dataclass(frozen=True)
class WarningRules:
    """Malicious-order warnings (RULES 9): which types exist, which need evidence to
    confirm (RULES 9.2, 9.3), the detectors' thresholds and the complaint centre's
    decision deadline (RULES 9.5)."""

    complaint_decision: Duration
    lookback_days: int
    detect_every_minutes: int
    types: dict  # type name -> evidence_required (bool)
    detectors: dict  # detector name (= the type it raises) -> {threshold: int}
    money_keywords: tuple = ()

    def evidence_required(self, warning_type):
        return self.types[warning_type]


@dataclass(frozen=True)
class Rulebook:
    id: str
    title: str
    sources: tuple
    effective_from: datetime.date
    currency: str
    points_period: str
    timezone: str
    filing: Filing
    deadlines: dict
    tiers: dict
    contact_patterns: dict = field(default_factory=dict)
    contact_gate: ContactGate | None = None
    risk: RiskRules | None = None
    warnings: WarningRules | None = None
    path: str = ""

    def deadline(self, name) -> Duration:
        return self.deadlines[name]

    def tier(self, name):
        """The penalty for a tier, or None where this rulebook has no such tier."""
        return self.tiers.get(name)


class _Reader:
    """Reads one table of a file, naming the full field path in every error."""

    def __init__(self, path, table, prefix=""):
        self.path, self.table, self.prefix = path, table, prefix

    def fail(self, key, problem):
        raise RulebookInvalid(self.path, self.prefix + key, problem)

    def sub(self, key, required=True):
        value = self.table.get(key)
        if value is None:
            if required:
                self.fail(key, "is missing")
            return _Reader(self.path, {}, f"{self.prefix}{key}.")
        if not isinstance(value, dict):
            self.fail(key, "must be a table")
        return _Reader(self.path, value, f"{self.prefix}{key}.")

    def get(self, key, kind, default=...):
        if key not in self.table:
            if default is ...:
                self.fail(key, "is missing")
            return default
        value = self.table[key]
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            self.fail(key, "must be a whole number")
        if kind is not int and not isinstance(value, kind):
            self.fail(key, f"must be of type {kind.__name__}")
        return value

    def count(self, key, default=...):
        value = self.get(key, int, default)
        if value < 0:
            self.fail(key, "must not be negative")
        return value

    def choice(self, key, choices, default=...):
        value = self.get(key, str, default)
        if value not in choices:
            self.fail(key, f"must be one of {', '.join(choices)}, not '{value}'")
        return value

    def duration(self, key):
        sub = self.sub(key)
        days = sub.count("days")
        if days == 0:
            sub.fail("days", "must be at least 1")
        return Duration(days=days, unit=sub.choice("unit", DURATION_UNITS))

    def money(self, key):
        raw = self.get(key, str, "0")
        try:
            amount = Decimal(raw)
        except InvalidOperation:
            self.fail(key, f"must be an amount such as \"300.00\", not '{raw}'")
        if amount < 0:
            self.fail(key, "must not be negative")
        return amount

    def clock(self, key):
        raw = self.get(key, str)
        try:
            return datetime.time.fromisoformat(raw)
        except ValueError:
            self.fail(key, f"must be a time such as \"22:00\", not '{raw}'")

    def channels(self, key):
        values = tuple(self.get(key, list))
        for value in values:
            if value not in CONTACT_CHANNELS:
                self.fail(key, f"has unknown channel '{value}'")
        return values

    def unknown_keys(self, allowed):
        for key in self.table:
            if key not in allowed:
                self.fail(key, "is not a known field")


def parse_rulebook(path: Path) -> Rulebook:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RulebookInvalid(path, "(file)", f"is not valid TOML: {exc}") from exc
    top = _Reader(path, data)
    top.unknown_keys({"id", "title", "sources", "effective_from", "currency", "points_period",
                      "timezone", "filing", "deadlines", "tiers", "contact_patterns",
                      "contact_gate", "risk", "warnings"})
    rulebook_id = top.get("id", str)
    if Path(path).stem != rulebook_id:
        top.fail("id", f"must match the file name '{Path(path).stem}'")
    effective_from = top.get("effective_from", datetime.date)
    if isinstance(effective_from, datetime.datetime):
        top.fail("effective_from", "must be a date, not a date and time")

    filing_table = top.sub("filing")
    filing_table.unknown_keys({"window", "required_trade_status", "excluded_channels",
                               "review_required", "review_values", "mutual_review_required"})
    review_required = filing_table.get("review_required", bool)
    review_values = tuple(filing_table.get("review_values", list, []))
    for value in review_values:
        if value not in REVIEW_VALUES:
            filing_table.fail("review_values", f"has unknown review '{value}'")
    if review_required and not review_values:
        filing_table.fail("review_values", "must list reviews when review_required is true")
    filing = Filing(
        window=filing_table.duration("window"),
        required_trade_status=filing_table.choice("required_trade_status", TRADE_STATUSES),
        excluded_channels=tuple(filing_table.get("excluded_channels", list, [])),
        review_required=review_required,
        review_values=review_values,
        mutual_review_required=filing_table.get("mutual_review_required", bool, False),
    )

    deadline_table = top.sub("deadlines")
    deadline_table.unknown_keys(DEADLINES)
    deadlines = {name: deadline_table.duration(name) for name in DEADLINES}

    tier_tables = top.sub("tiers")
    tier_tables.unknown_keys(TIERS)
    tiers = {}
    for name in TIERS:
        if name not in tier_tables.table:
            continue
        t = tier_tables.sub(name)
        t.unknown_keys({"points", "point_class", "compensation", "hide_store_days", "freeze",
                        "freeze_days", "permanent_freeze_allowed"})
        penalty = TierPenalty(
            tier=name,
            points=t.count("points", 0),
            point_class=t.get("point_class", str, ""),
            compensation=t.money("compensation"),
            hide_store_days=t.count("hide_store_days", 0),
            freeze=t.choice("freeze", FREEZE_KINDS, "none"),
            freeze_days=t.count("freeze_days", 0),
            permanent_freeze_allowed=t.get("permanent_freeze_allowed", bool, False),
        )
        if penalty.points and not penalty.point_class:
            t.fail("point_class", "is required where points are given")
        if penalty.freeze == "temporary" and not penalty.freeze_days:
            t.fail("freeze_days", "must be at least 1 for a temporary freeze")
        if not (penalty.points or penalty.compensation or penalty.hide_store_days
                or penalty.freeze != "none"):
            t.fail("points", "a tier must impose something")
        tiers[name] = penalty
    if not tiers:
        tier_tables.fail("general", "at least one tier is required")

    return Rulebook(
        id=rulebook_id,
        title=top.get("title", str),
        sources=tuple(top.get("sources", list, [])),
        effective_from=effective_from,
        currency=top.get("currency", str),
        points_period=top.choice("points_period", POINTS_PERIODS),
        timezone=top.get("timezone", str),
        filing=filing,
        deadlines=deadlines,
        tiers=tiers,
        contact_patterns=dict(top.get("contact_patterns", dict, {})),
        contact_gate=_contact_gate(top) if "contact_gate" in top.table else None,
        risk=_risk(top) if "risk" in top.table else None,
        # Optional so that rulebooks written before RULES 9 was built still load.
        warnings=_warning_rules(top.sub("warnings")) if "warnings" in top.table else None,
        path=str(path),
    )


def _risk(top):
    r = top.sub("risk")
    r.unknown_keys({"strong_score", "pattern_score", "notify_labels", "behaviour_of"})
    strong, pattern = r.get("strong_score", float), r.get("pattern_score", float)
    for key, value in (("strong_score", strong), ("pattern_score", pattern)):
        if not 0 < value <= 1:
            r.fail(key, "must be above 0 and at most 1")
    notify_labels = tuple(r.get("notify_labels", list))
    for label in notify_labels:
        if label not in SCREENER_LABELS:
            r.fail("notify_labels", f"has unknown label '{label}'")
    mapping = r.sub("behaviour_of")
    mapping.unknown_keys(SCREENER_LABELS + CONTACT_PATTERNS)
    behaviour_of = {key: mapping.choice(key, BEHAVIOURS) for key in mapping.table}
    return RiskRules(strong_score=strong, pattern_score=pattern, notify_labels=notify_labels, behaviour_of=behaviour_of)


def _contact_gate(top):
    """The [contact_gate] table (RULES 2.2 a, 10.2, 10.3). Optional: a rulebook without it
    cannot run the contact gate, and the gate says so."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    g = top.sub("contact_gate")
    g.unknown_keys({"timezone", "quiet_start", "quiet_end", "quiet_channels", "caps",
                    "unanswered_run", "unanswered_reset_minutes", "negative_review_cooling_days",
                    "negative_review_channels", "complaint_open_channels",
                    "binding_days_after_trade_end"})
    zone = g.get("timezone", str)
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        g.fail("timezone", f"is not a known time zone: '{zone}'")
    caps = []
    raw_caps = g.get("caps", list)
    for i, raw in enumerate(raw_caps):
        if not isinstance(raw, dict):
            g.fail(f"caps[{i}]", "must be a table such as { channel = \"call\", count = 3, minutes = 60 }")
        c = _Reader(g.path, raw, f"{g.prefix}caps[{i}].")
        c.unknown_keys({"channel", "count", "minutes"})
        cap = ContactCap(channel=c.choice("channel", CONTACT_CHANNELS), count=c.count("count"),
                         minutes=c.count("minutes"))
        if cap.minutes == 0:
            c.fail("minutes", "must be at least 1")
        caps.append(cap)
    gate = ContactGate(
        timezone=zone,
        quiet_start=g.clock("quiet_start"),
        quiet_end=g.clock("quiet_end"),
        quiet_channels=g.channels("quiet_channels"),
        caps=tuple(caps),
        unanswered_run=g.count("unanswered_run"),
        unanswered_reset_minutes=g.count("unanswered_reset_minutes"),
        negative_review_cooling_days=g.count("negative_review_cooling_days"),
        negative_review_channels=g.channels("negative_review_channels"),
        complaint_open_channels=g.channels("complaint_open_channels"),
        binding_days_after_trade_end=g.count("binding_days_after_trade_end"),
    )
    if gate.unanswered_run and not gate.unanswered_reset_minutes:
        g.fail("unanswered_reset_minutes", "must be at least 1 where unanswered_run is set")
    return gate


def _warning_rules(table):
    """The `[warnings]` table (RULES 9)."""
    table.unknown_keys({"complaint_decision", "lookback_days", "detect_every_minutes", "types",
                        "detectors"})
    types_table = table.sub("types")
    types = {}
    for name in types_table.table:
        t = types_table.sub(name)
        t.unknown_keys({"evidence_required"})
        types[name] = t.get("evidence_required", bool)
    if not types:
        types_table.fail("(table)", "at least one warning type is required")
    detectors_table = table.sub("detectors", required=False)
    detectors_table.unknown_keys(set(DETECTORS))
    detectors, keywords = {}, ()
    for name, thresholds in DETECTORS.items():
        if name not in detectors_table.table:
            continue
        d = detectors_table.sub(name)
        allowed = set(thresholds) | ({"money_keywords"} if name == "review_extortion" else set())
        d.unknown_keys(allowed)
        if name not in types:
            d.fail("(table)", f"detector '{name}' raises warnings of type '{name}', "
                              "which warnings.types does not define")
        values = {}
        for key in thresholds:
            values[key] = d.count(key)
            if values[key] == 0:
                d.fail(key, "must be at least 1")
        if name == "refund_abuse" and values["min_claim_percent"] > 100:
            d.fail("min_claim_percent", "must be at most 100")
        if name == "review_extortion":
            keywords = tuple(d.get("money_keywords", list))
            if not keywords or not all(isinstance(k, str) and k.strip() for k in keywords):
                d.fail("money_keywords", "must list at least one non-empty word")
        detectors[name] = values
    lookback = table.count("lookback_days")
    if lookback == 0:
        table.fail("lookback_days", "must be at least 1")
    return WarningRules(
        complaint_decision=table.duration("complaint_decision"),
        lookback_days=lookback,
        detect_every_minutes=table.count("detect_every_minutes"),
        types=types,
        detectors=detectors,
        money_keywords=keywords,
    )
