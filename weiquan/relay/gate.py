"""The contact gate: may this member contact that one about this trade, now, this way?
(RULES 2.2 a, 10.3).

Two halves:
- the *policy* (`policy_denial`): rules that only read facts — who the parties are, the
  buyer's negative review, open complaints and penalties between them, the callee's own
  choice and quiet hours in the callee's time. Plain Python, the same for both backends.
- the *slot* (`Backend.decide`): rules that count — caps per channel per window and the run
  of unanswered calls — taken atomically together with writing the attempt to the log, so
  two calls racing for the last slot let exactly one through.

Backends: `DbBackend` (embedded default) counts logged attempts under a locked counter row
per caller -> callee; `RedisBackend` does the whole decision in one Lua script, one round
trip, and appends the attempt to a Redis stream that `drain()` moves into the database.
Every number comes from the rulebook's [contact_gate] table (RULES 7.1).
"""

import datetime
import itertools
import os
import secrets
import threading
import time
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from redis.exceptions import NoScriptError, RedisError

from weiquan.complaints.models import OPEN_STATES, Complaint
from weiquan.db import lock_for_update
from weiquan.errors import DomainError, NotFound
from weiquan.members.models import Member
from weiquan.penalties.models import Penalty
from weiquan.rulebook.registry import rulebook_in_force
from weiquan.trades.models import Trade

from .models import Channel, ContactAttempt, ContactProfile, GatePair, ReviewStamp

REASONS = {
    "ok": _("Allowed."),
    "not_a_party": _("Caller and callee are not the buyer and seller of this trade."),
    "penalised_for_harassment": _("The caller was penalised for harassing this member and may not contact them any more."),
    "complaint_open": _("A harassment complaint against the caller is open: only instant messages are allowed."),
    "callee_preference": _("The callee does not accept contact on this channel."),
    "review_cooling_off": _("After a negative review only instant messages are allowed for a while."),
    "quiet_hours": _("It is night-time for the callee: no calls or SMS now."),
    "unanswered_run": _("Several calls in a row went unanswered: no new call for now."),
    "cap_reached": _("Too many contacts on this channel in a short time."),
}


@dataclass(frozen=True)
class Facts:
    """What the policy reads about one caller -> callee contact on one trade."""

    trade_pk: int
    trade_id: str
    caller_id: int
    callee_id: int
    is_party: bool
    negative_review_at: datetime.datetime | None  # set only for seller -> buyer
    complaint_open: bool
    penalised: bool
    callee_channels: tuple  # the callee's own choice; empty means every channel
    callee_zone: str
    gate: object  # rulebook.schema.ContactGate
    rulebook: str


@dataclass(frozen=True)
class Decision:
    attempt_id: str
    allowed: bool
    reason: str
    at: datetime.datetime

    @property
    def message(self):
        return REASONS[self.reason]


def new_attempt_id():
    return "CA" + secrets.token_hex(10).upper()


def identify(trade_id, caller, callee):
    """(trade pk, caller id, callee id): what never changes, so a process may keep it."""
    trade = Trade.objects.filter(external_id=trade_id).values_list("pk", flat=True).first()
    if trade is None:
        raise NotFound(message=_("There is no such trade."))
    if caller == callee:
        raise DomainError("invalid_input", _("Caller and callee must be different members."))
    ids = dict(Member.objects.filter(username__in=(caller, callee)).values_list("username", "pk"))
    if len(ids) != 2:
        raise NotFound("unknown_member", _("There is no such member."))
    return trade, ids[caller], ids[callee]


def load_facts(trade_id, identity):
    trade_pk, caller_id, callee_id = identity
    book = rulebook_in_force()
    if book.contact_gate is None:
        raise DomainError("gate_not_configured",
                          _("The rulebook in force has no [contact_gate] table."), status=503)
    buyer_id, seller_id, review, updated_at = Trade.objects.filter(pk=trade_pk).values_list(
        "buyer_id", "seller_id", "buyer_review", "updated_at").get()
    is_party = {caller_id, callee_id} == {buyer_id, seller_id}
    negative_at = None
    if is_party and callee_id == buyer_id and review == Trade.Review.NEGATIVE:
        stamp = ReviewStamp.objects.filter(trade_id=trade_pk).values_list("negative_at", flat=True).first()
        negative_at = stamp or updated_at
    between = {"respondent_id": caller_id, "trade__buyer_id__in": (caller_id, callee_id),
               "trade__seller_id__in": (caller_id, callee_id)}
    complaint_open = is_party and Complaint.objects.filter(state__in=OPEN_STATES, **between).exists()
    penalised = is_party and Penalty.objects.filter(
        state=Penalty.State.ACTIVE, **{f"complaint__{k}": v for k, v in between.items()}
    ).exists()
    profile = ContactProfile.objects.filter(member_id=callee_id).values_list(
        "allowed_channels", "timezone").first() or ((), "")
    return Facts(
        trade_pk=trade_pk, trade_id=trade_id, caller_id=caller_id, callee_id=callee_id,
        is_party=is_party, negative_review_at=negative_at, complaint_open=complaint_open,
        penalised=penalised, callee_channels=tuple(profile[0] or ()),
        callee_zone=profile[1] or book.contact_gate.timezone, gate=book.contact_gate,
        rulebook=book.id,
    )


def in_quiet_hours(at, zone, gate):
    """Night-time in the callee's own time zone (RULES 10.3 "do not contact at night")."""
    local = at.astimezone(ZoneInfo(zone)).time()
    start, end = gate.quiet_start, gate.quiet_end
    if start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end


def policy_denial(facts, channel, at):
    """The first rule that forbids this contact, as a stable code; "" when none does."""
    gate = facts.gate
    if not facts.is_party:
        return "not_a_party"
    if facts.penalised:  # RULES 5.3/6: nothing at all after a penalty for harassing them
        return "penalised_for_harassment"
    if facts.complaint_open and channel not in gate.complaint_open_channels:
        return "complaint_open"
    if facts.callee_channels and channel not in facts.callee_channels:
        return "callee_preference"
    if (facts.negative_review_at is not None and channel not in gate.negative_review_channels
            and at < facts.negative_review_at + datetime.timedelta(days=gate.negative_review_cooling_days)):
        return "review_cooling_off"  # RULES 2.2 a: contact "usually because of a negative review"
    if channel in gate.quiet_channels and in_quiet_hours(at, facts.callee_zone, gate):
        return "quiet_hours"
    return ""


class DbBackend:
    """Counters in the database: the attempt log itself, counted under a locked GatePair row."""

    name = "db"

    def facts(self, trade_id, caller, callee):
        return load_facts(trade_id, identify(trade_id, caller, callee))

    def decide(self, trade_id, caller, callee, channel, at):
        facts = self.facts(trade_id, caller, callee)
        attempt_id = new_attempt_id()
        with transaction.atomic():
            reason = policy_denial(facts, channel, at)
            if not reason:
                reason = self._take_slot(facts, channel, at)
            ContactAttempt.objects.create(
                attempt_id=attempt_id, trade_id=facts.trade_pk, caller_id=facts.caller_id,
                callee_id=facts.callee_id, channel=channel, at=at, allowed=not reason,
                reason=reason or "ok",
            )
        return facts, Decision(attempt_id, not reason, reason or "ok", at)

    def _take_slot(self, facts, channel, at):
        gate = facts.gate
        GatePair.objects.get_or_create(caller_id=facts.caller_id, callee_id=facts.callee_id)
        pair = lock_for_update(GatePair.objects.filter(
            caller_id=facts.caller_id, callee_id=facts.callee_id)).get()
        reset = datetime.timedelta(minutes=gate.unanswered_reset_minutes)
        fresh_run = pair.last_call_at is None or at - pair.last_call_at >= reset
        if channel == Channel.CALL and gate.unanswered_run and not fresh_run \
                and pair.unanswered_run >= gate.unanswered_run:
            return "unanswered_run"
        for cap in gate.caps_for(channel):
            used = ContactAttempt.objects.filter(
                caller_id=facts.caller_id, callee_id=facts.callee_id, channel=channel, allowed=True,
                at__gt=at - datetime.timedelta(minutes=cap.minutes), at__lte=at,
            ).count()
            if used >= cap.count:
                return "cap_reached"
        if channel == Channel.CALL:
            pair.unanswered_run = 1 if fresh_run else pair.unanswered_run + 1
            pair.last_call_at = at
            pair.save(update_fields=["unanswered_run", "last_call_at"])
        return ""

    def answered(self, caller_id, callee_id):
        GatePair.objects.filter(caller_id=caller_id, callee_id=callee_id).update(unanswered_run=0)

    def drain(self):
        return 0

    def invalidate_members(self, member_ids):
        pass

    def invalidate_cases(self):
        pass

    def clear(self):
        pass


# One round trip: check the facts the caller's process used are still current, apply the
# run and cap rules, take the slot, append the attempt to the log stream.
GATE_LUA = """
local g = redis.call('MGET', KEYS[1], KEYS[2], KEYS[3])
if (g[1] or '') .. ' ' .. (g[2] or '') .. ' ' .. (g[3] or '') ~= ARGV[1] then return 'stale' end
local at = tonumber(ARGV[2])
local reason = ARGV[4]
-- ARGV: generations seen, at (ms), attempt id, policy denial or '', and what is fixed for
-- this pair and channel, space-separated:
-- channel trade caller callee is_call run_limit reset_ms ncaps (count window_ms)*
local s = {}
for v in string.gmatch(ARGV[5], '%S+') do s[#s + 1] = v end
local is_call = s[5] == '1'
local run_limit = tonumber(s[6])
local reset_ms = tonumber(s[7])
local ncaps = tonumber(s[8])
local fresh_run = true
if reason == '' and is_call and run_limit > 0 then
  local run = redis.call('HMGET', KEYS[5], 'n', 'last')
  if run[1] and (at - tonumber(run[2])) < reset_ms then
    fresh_run = false
    if tonumber(run[1]) >= run_limit then reason = 'unanswered_run' end
  end
end
local maxw = 0
for i = 0, ncaps - 1 do
  local count = tonumber(s[9 + 2 * i])
  local window = tonumber(s[10 + 2 * i])
  if window > maxw then maxw = window end
  if reason == '' and redis.call('ZCOUNT', KEYS[4], '(' .. (at - window), at) >= count then
    reason = 'cap_reached'
  end
end
if reason == '' then
  if ncaps > 0 then
    redis.call('ZADD', KEYS[4], at, ARGV[3])
    redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', at - maxw)
    redis.call('PEXPIRE', KEYS[4], maxw)
  end
  if is_call and run_limit > 0 then
    local n = 1
    if not fresh_run then n = tonumber(redis.call('HGET', KEYS[5], 'n')) + 1 end
    redis.call('HSET', KEYS[5], 'n', n, 'last', at)
    redis.call('PEXPIRE', KEYS[5], reset_ms)
  end
end
local outcome = 'ok'
if reason ~= '' then outcome = reason end
-- one field: attempt trade caller callee channel at reason
redis.call('XADD', KEYS[6], '*', 'a', ARGV[3] .. ' ' .. s[2] .. ' ' .. s[3] .. ' ' .. s[4] .. ' '
           .. s[1] .. ' ' .. ARGV[2] .. ' ' .. outcome)
return outcome
"""


class RedisBackend:
    """Counters in Redis, shared by every web process; the decision is one Lua script.

    Each process caches the facts it read about a pair, stamped with generation tokens kept
    in Redis; anything that changes those facts (signals) writes a new token, and the script
    refuses a decision made on an old one, so the process re-reads and decides again.
    """

    name = "redis"

    def __init__(self, url, prefix, facts_ttl):
        import redis

        self.redis = redis.Redis.from_url(url)
        self.prefix = prefix
        self.facts_ttl = facts_ttl
        self.script = self.redis.register_script(GATE_LUA)
        self.log_key = prefix + "log"
        self._pid = None
        self._identities = {}
        self._facts = {}
        self._lock = threading.Lock()

    def _gen_keys(self, caller_id, callee_id):
        p = self.prefix
        return [f"{p}g:m:{caller_id}", f"{p}g:m:{callee_id}", f"{p}g:cases"]

    def _load(self, key):
        trade_id, caller, callee = key
        identity = self._identities.get(key)
        if identity is None:
            identity = identify(trade_id, caller, callee)
            self._identities[key] = identity
        gen_keys = self._gen_keys(identity[1], identity[2])
        pipe = self.redis.pipeline(transaction=False)
        for k in gen_keys:  # read the generations first, then the facts they stand for
            pipe.set(k, secrets.token_hex(8), nx=True)
        pipe.mget(gen_keys)
        gens = " ".join(g.decode() for g in pipe.execute()[-1])
        # facts, generations, good until, and per channel the script's keys and fixed args
        entry = (load_facts(trade_id, identity), gens, time.monotonic() + self.facts_ttl, {})
        with self._lock:
            if len(self._facts) > 100_000:
                self._facts.clear()
                self._identities.clear()
            self._facts[key] = entry
        return entry

    def facts(self, trade_id, caller, callee):
        key = (trade_id, caller, callee)
        entry = self._facts.get(key)
        if entry is None or entry[2] < time.monotonic():
            entry = self._load(key)
        return entry

    def _prepared(self, entry, channel):
        prepared = entry[3].get(channel)
        if prepared is None:
            facts, gate, p = entry[0], entry[0].gate, self.prefix
            caps = gate.caps_for(channel)
            keys = [*self._gen_keys(facts.caller_id, facts.callee_id),
                    f"{p}c:{facts.caller_id}:{facts.callee_id}:{channel}",
                    f"{p}r:{facts.caller_id}:{facts.callee_id}", self.log_key]
            fixed = [channel, facts.trade_pk, facts.caller_id, facts.callee_id,
                     int(channel == Channel.CALL), gate.unanswered_run,
                     gate.unanswered_reset_minutes * 60_000, len(caps)]
            for cap in caps:
                fixed += [cap.count, cap.minutes * 60_000]
            # Pre-encoded: the hot path hands redis-py bytes it need not convert.
            prepared = entry[3][channel] = (
                [k.encode() for k in keys], entry[1].encode(), " ".join(map(str, fixed)).encode())
        return prepared

    def _attempt_id(self):
        """Unique without a syscall: a random token per process (re-drawn after a fork) and a
        counter."""
        if self._pid != os.getpid():
            self._pid, self._token, self._counter = os.getpid(), secrets.token_hex(6).upper(), itertools.count()
        return f"CA{self._token}{next(self._counter):08X}"

    def _evalsha(self, keys, args):
        try:
            return self.redis.evalsha(self.script.sha, len(keys), *keys, *args)
        except NoScriptError:  # Redis restarted or flushed its script cache
            self.redis.script_load(GATE_LUA)
            return self.redis.evalsha(self.script.sha, len(keys), *keys, *args)

    def decide(self, trade_id, caller, callee, channel, at):
        try:
            return self._decide(trade_id, caller, callee, channel, at)
        except RedisError as exc:
            # Neither allow nor deny on a guess: the provider sees a stable code and retries.
            raise DomainError("gate_unavailable", _("The contact gate cannot decide right now; try again."),
                              status=503) from exc

    def _decide(self, trade_id, caller, callee, channel, at):
        key = (trade_id, caller, callee)
        entry = self.facts(*key)
        at_ms = str(int(at.timestamp() * 1000)).encode()
        for _attempt in range(5):
            facts = entry[0]
            keys, gens, fixed = self._prepared(entry, channel)
            attempt_id = self._attempt_id()
            reason = self._evalsha(keys, (
                gens, at_ms, attempt_id.encode(), policy_denial(facts, channel, at).encode(), fixed))
            if reason != b"stale":  # "ok" or the rule that denied it
                return facts, Decision(attempt_id, reason == b"ok", reason.decode(), at)
            entry = self._load(key)
        raise DomainError("gate_busy", _("The contact gate is busy; try again."), status=503)

    def answered(self, caller_id, callee_id):
        self.redis.delete(f"{self.prefix}r:{caller_id}:{callee_id}")

    def drain(self, batch=1000):
        """Move the attempt log from the Redis stream into ContactAttempt rows. Idempotent
        and safe to run from several processes (rows are unique by attempt id). Entries
        leave the stream only once the rows are committed, so a rolled-back caller loses
        nothing."""
        seen, start = 0, "-"
        while True:
            entries = self.redis.xrange(self.log_key, min=start, count=batch)
            if not entries:
                return seen
            rows = []
            for _stream_id, fields in entries:
                attempt_id, trade, caller, callee, channel, at_ms, reason = fields[b"a"].decode().split(" ")
                rows.append(ContactAttempt(
                    attempt_id=attempt_id, trade_id=int(trade), caller_id=int(caller),
                    callee_id=int(callee), channel=channel,
                    at=datetime.datetime.fromtimestamp(int(at_ms) / 1000, datetime.UTC),
                    allowed=reason == "ok", reason=reason,
                ))
            ContactAttempt.objects.bulk_create(rows, ignore_conflicts=True)
            ids = [e[0] for e in entries]
            transaction.on_commit(lambda ids=ids: self.redis.xdel(self.log_key, *ids))
            start = "(" + ids[-1].decode()
            seen += len(rows)

    def invalidate_members(self, member_ids):
        token = secrets.token_hex(8)
        self.redis.mset({f"{self.prefix}g:m:{m}": token for m in member_ids if m})

    def invalidate_cases(self):
        self.redis.set(f"{self.prefix}g:cases", secrets.token_hex(8))

    def clear(self):
        """Delete every key under this backend's prefix (tests, benchmarks)."""
        keys = list(self.redis.scan_iter(match=self.prefix + "*", count=1000))
        if keys:
            self.redis.delete(*keys)


_backends = {}
_backends_lock = threading.Lock()


def get_backend():
    """The backend the settings select; one instance per configuration per process."""
    config = (settings.WEIQUAN_GATE_BACKEND, settings.REDIS_URL, settings.WEIQUAN_GATE_REDIS_PREFIX,
              settings.WEIQUAN_GATE_FACTS_TTL)
    backend = _backends.get(config)
    if backend is None:
        with _backends_lock:
            backend = _backends.get(config)
            if backend is None:
                if config[0] == "redis":
                    backend = RedisBackend(config[1], config[2], config[3])
                elif config[0] == "db":
                    backend = DbBackend()
                else:
                    raise ValueError(f"WEIQUAN_GATE_BACKEND must be db or redis, not {config[0]!r}")
                _backends[config] = backend
    return backend
