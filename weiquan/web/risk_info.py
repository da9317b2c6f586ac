"""What the detect pages show of the platform's own signals (issue 6 §3): a screened
message with the spans the screener explained highlighted, a contact pattern with its
counts. Read-only; the signals come from `weiquan.risk.services`."""

import json

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from weiquan.labels import signal_name

# What each pattern's count measures (docs/contact-scanning.md).
COUNT_NAMES = {
    "burst": _("most contacts in one window"),
    "night": _("most night contacts in one window"),
    "unanswered_redial": _("longest run of unanswered calls"),
    "bombing": _("most distinct callers in one window"),
}


def highlight(text, spans):
    """The message with each explained span wrapped in <mark>, everything else escaped."""
    out, at = [], 0
    for span in sorted(spans, key=lambda s: (s.get("start", 0), -s.get("end", 0))):
        start, end = int(span.get("start", 0)), int(span.get("end", 0))
        if start < at or end <= start or end > len(text):
            continue  # overlapping or out of range: leave the text as it is
        out.append(escape(text[at:start]))
        out.append(f'<mark title="{escape(signal_name(span.get("label", "")))}">{escape(text[start:end])}</mark>')
        at = end
    out.append(escape(text[at:]))
    return mark_safe("".join(out))


def signal_rows(signals):
    """Rows for a pair's signals: messages first grouped per message (several labels may
    flag one message), then contact patterns with their counts."""
    messages, patterns = {}, []
    for s in signals:
        detail = json.loads(s.detail or "{}")
        if s.message_id:
            row = messages.setdefault(s.message_id, {"message": s.message, "labels": [], "spans": [],
                                                     "score": 0.0})
            row["labels"].append(signal_name(s.kind))
            row["spans"] += detail.get("spans", [])
            row["score"] = max(row["score"], s.score)
        else:
            counts = detail.get("counts", {}) if isinstance(detail.get("counts"), dict) else {}
            patterns.append({"signal": s, "name": signal_name(s.kind), "count": counts.get(s.kind),
                             "count_name": COUNT_NAMES.get(s.kind, "")})
    for row in messages.values():
        seen, spans = set(), []
        for span in row["spans"]:
            key = (span.get("start"), span.get("end"))
            if key not in seen:
                seen.add(key)
                spans.append(span)
        row["html"] = highlight(row["message"].text, spans)
    return {"messages": sorted(messages.values(), key=lambda r: r["message"].sent_at), "patterns": patterns}


def signals_for_pairs(pairs, per_pair=5, cap=2000):
    """The strongest few signals of each listed pair, in one query however many pairs
    (the strong-pairs queue shows why each pair is there)."""
    from weiquan.risk.models import RiskSignal

    keys = {(p["actor_id"], p["target_id"]) for p in pairs}
    if not keys:
        return {}
    grouped = {}
    qs = (RiskSignal.objects.filter(actor_id__in={a for a, _t in keys}, target_id__in={t for _a, t in keys})
          .select_related("message").order_by("-score", "-last_at", "-id")[:cap])
    for s in qs:
        key = (s.actor_id, s.target_id)
        if key in keys and len(grouped.setdefault(key, [])) < per_pair:
            grouped[key].append(s)
    return {key: signal_rows(rows) for key, rows in grouped.items()}
