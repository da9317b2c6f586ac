"""The screener: one Aho-Corasick pass over the normalised text, then the rules.

Most ordinary messages match nothing and leave after the automaton pass; the rules (regular
expressions from rules.toml) only run on messages that have a hit or a cue.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

import ahocorasick

from .lexicon import (
    DATA_DIR,
    LABELS,
    Entry,
    class_parts,
    composed_variants,
    expand_pattern,
    load_frames,
    load_lexicon,
    load_rules,
    load_tables,
    spell_variants,
)
from .model import NgramModel
from .normalise import Normalised, fold_term, normalise, word_spaced

QUOTES = {"「": "」", "『": "』", "“": "”", '"': '"', "‘": "’", "'": "'", "《": "》"}
HIT, CUE, SUPPRESS = 0, 1, 2
ZERO_SCORES = dict.fromkeys(LABELS, 0.0)  # a clean message's scores (copied: results are mutable)
REVIEW_NOUN, REVIEW_ACTION, REVIEW_CONDITION = "review:noun", "review:action", "review:condition"
# A word ending in a lone initial may be followed by a sentence particle (神经b啊你).
PARTICLES = frozenset("了吧啊呀呢吗嘛的哦啦")
# Clause punctuation a frame does not reach across unless it says so (across_clauses).
CLAUSE_BREAK = re.compile(r"[，。！？；,!?;\n]")
# A Chinese character (the CJK unified ideographs and extension A).
HAN = re.compile("[\u3400-\u9fff]")
# A frame's part denied by the word right before it: 我不砍你, 你的嘴唇不诱人, 不要来我房间;
# or told as something that happened (你的手被划伤了吗), not promised.
SHORT_NEGATION = re.compile(r"(不|没|别|莫|甭)(要|会|想|用|是|能|算|够)?$|被$")


def _a_not_a(text: str, at: int) -> bool:
    """Whether the 不/没 at ``at`` asks a question (是不是, 要不要, 有没有), denying nothing."""
    return 0 < at < len(text) - 1 and text[at - 1] == text[at + 1]


def _is_word_char(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "a" <= char <= "z" or "0" <= char <= "9"


@dataclass(slots=True)
class Hit:
    label: str
    start: int  # in the normalised text
    end: int
    certainty: float
    rule: str
    aimed_only: bool = False  # an `addr` entry: an insult only when aimed at the reader
    exact: bool = True  # False when a pinyin, initial or homophone spelling matched


@dataclass
class Screening:
    labels: list[str]
    scores: dict[str, float]
    spans: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "labels": list(self.labels),
            "scores": dict(self.scores),
            "spans": [dict(s) for s in self.spans],
        }


@dataclass(frozen=True, slots=True)
class Pair:
    name: str
    label: str
    weight: float
    first: str  # cue group names
    second: str
    gap: int
    both_orders: bool
    unless: re.Pattern | None
    unless_binds: bool  # the context also binds the model (rules.toml [context] binding)


@dataclass(frozen=True, slots=True)
class Frame:
    """Two word classes close together make a harmful sentence (data/frames.toml)."""

    name: str
    label: str
    weight: float
    first: tuple[str, ...]  # cue group names of the classes of each part
    second: tuple[str, ...]
    gap: int
    both_orders: bool
    weights: dict  # cue group -> class weight, with the frame's object_weight applied
    boost: tuple[str, ...]
    boost_window: int
    boost_factor: float
    unless: re.Pattern | None
    unless_binds: bool
    preceded_by: re.Pattern | None  # must match the text just before the hit (…$)
    followed_by: re.Pattern | None  # must match the text just after it (^…)
    across_clauses: bool  # whether the two parts may sit in different clauses
    owner: tuple[str, ...]  # cue groups one of which must come just before the first part
    owner_window: int


def _check_text(text) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")


@dataclass(slots=True)
class _Judged:
    """One message after the rules and the model's veto, before the model's own hits."""

    context: Context
    hits: list[Hit]
    view: tuple | None = None  # the model's text and offsets from it into the normalised text
    to_explain: list[tuple[str, float]] = field(default_factory=list)  # (label, probability)


def _set_bits(mask: int):
    """The index of each set bit of ``mask``, lowest first."""
    while mask:
        lowest = mask & -mask
        yield lowest.bit_length() - 1
        mask ^= lowest


def _class_group(name: str) -> str:
    return f"class:{name}"


class Context:
    """What the rules ask about one message, computed only when asked."""

    __slots__ = ("screener", "norm", "original", "suppressed", "cleared", "_complaint")

    def __init__(self, screener: Screener, norm: Normalised, original: str, suppressed: list):
        self.screener = screener
        self.norm = norm
        self.original = original
        self.suppressed = suppressed  # (start, end, suppressor name), from the automaton pass
        # Labels the rules saw a word for and judged harmless here (a hard negative, a denial,
        # reported speech, a polite request): the model may not give them back. Not finding
        # evidence is no judgement: that clears nothing.
        self.cleared: set[str] = set()
        self._complaint = None

    def is_complaint(self) -> bool:
        if self._complaint is None:
            self._complaint = bool(self.screener.complaint.search(self.norm.text))
        return self._complaint

    def quoted(self, start: int, end: int) -> bool:
        """Whether the hit sits between quotation marks in the original text."""
        orig_start, orig_end = self.norm.original_span(start, end)
        before, after = self.original[:orig_start], self.original[orig_end:]
        for opening, closing in QUOTES.items():
            at = before.rfind(opening)
            if (
                at >= 0
                and closing in after
                and (opening != closing or before.count(opening) % 2 == 1)
            ):
                if before.rfind(closing, at + 1) < 0 or opening == closing:
                    return True
        return False


class Screener:
    def __init__(self, data_dir: Path = DATA_DIR, use_model: bool = True):
        self.rules = load_rules(data_dir)
        self.tables = load_tables(data_dir)
        self.entries: list[Entry] = load_lexicon(data_dir)
        scoring = self.rules["scoring"]
        self.threshold = scoring["label_threshold"]
        self.address_boost = scoring["address_boost"]
        self.max_certainty = scoring["max_certainty"]
        context = self.rules["context"]
        self.negation_window = context["negation_window"]
        self.reported_window = context["reported_window"]
        self.negation = re.compile(context["negation"])
        self.reported = re.compile(context["reported"])
        self.complaint = re.compile(context["complaint"])
        self.address = re.compile(context["address"])
        self.named_contexts = {
            name: re.compile(pattern)
            for name, pattern in context.items()
            if isinstance(pattern, str)
        }
        self.binding_contexts = frozenset(context.get("binding", ()))
        self.suppressors = {
            s["name"]: expand_pattern(s["pattern"]) for s in self.rules.get("suppress", [])
        }
        pressure = self.rules["review_pressure"]
        self.pressure_weight = pressure["weight"]
        self.pressure_gap = pressure["gap"]
        self.pressure_self_consequence = re.compile(pressure["self_consequence"])
        self.pressure_rude = re.compile(pressure["rude"])
        self.pressure_polite = re.compile(pressure["polite"])
        self.pairs: list[Pair] = []
        self.frame_data = load_frames(data_dir)
        self.frame_max_certainty = self.frame_data["frame_scoring"]["max_certainty"]
        self.frames: list[Frame] = []
        self.pattern_count = 0
        self.automaton = self._build_automaton()
        # The learned layer (model.py); None before the first `train_screener` or when off.
        self.model = NgramModel.load() if use_model else None

    # -- building -----------------------------------------------------------------------

    def _build_automaton(self) -> ahocorasick.Automaton:
        scoring = self.rules["scoring"]
        payloads: dict[str, list[tuple]] = defaultdict(list)
        for entry in self.entries:
            # What a hit needs of its entry, as plain values: the automaton's ~190k payload
            # tuples then hold nothing the cyclic garbage collector must follow, and it stops
            # walking them at every full collection (as it must through an Entry object).
            of_entry = (entry.label, entry.weight, entry.rule, "addr" in entry.flags)
            for variant in spell_variants(entry.term, self.tables, scoring, entry.flags):
                payloads[variant.text].append(
                    (HIT, of_entry, variant.factor, variant.form, variant.ends_in_initial)
                )

        def add_cues(group: str, terms: list[str], variants: bool = True):
            for raw in terms:
                term = fold_term(raw)
                flags = frozenset() if variants and len(term) > 1 else frozenset({"exact"})
                for variant in spell_variants(term, self.tables, scoring, flags):
                    payloads[variant.text].append(
                        (CUE, group, variant.factor, variant.form, variant.ends_in_initial)
                    )

        for spec in self.rules.get("pair", []):
            first, second = f"{spec['name']}:first", f"{spec['name']}:second"
            add_cues(first, spec["first"])
            add_cues(second, spec["second"])
            unless = spec.get("unless")
            self.pairs.append(
                Pair(
                    spec["name"],
                    spec["label"],
                    spec["weight"],
                    first,
                    second,
                    spec["gap"],
                    spec.get("both_orders", False),
                    self.named_contexts[unless] if unless else None,
                    spec.get("unless_binds", unless in self.binding_contexts),
                )
            )
        classes = {spec["name"]: spec for spec in self.frame_data.get("class", [])}
        for spec in classes.values():
            group = _class_group(spec["name"])
            for prefix, term in class_parts(spec):
                for variant in composed_variants(prefix, term, self.tables, scoring, False):
                    payloads[variant.text].append(
                        (CUE, group, variant.factor, variant.form, variant.ends_in_initial)
                    )
        for spec in self.frame_data.get("frame", []):
            weights = {_class_group(n): c["weight"] for n, c in classes.items()}
            if "object_weight" in spec:
                weights[_class_group("aim.reader")] = spec["object_weight"]
            unless = spec.get("unless")
            before, after = spec.get("preceded_by"), spec.get("followed_by")
            self.frames.append(
                Frame(
                    spec["name"],
                    spec["label"],
                    spec["weight"],
                    tuple(_class_group(n) for n in spec["parts"][0]),
                    tuple(_class_group(n) for n in spec["parts"][1])
                    if len(spec["parts"]) > 1
                    else (),
                    spec["gap"],
                    spec.get("both_orders", False),
                    weights,
                    tuple(_class_group(n) for n in spec.get("boost", ())),
                    spec.get("boost_window", 0),
                    spec.get("boost_factor", 1.0),
                    self.named_contexts[unless] if unless else None,
                    spec.get("unless_binds", unless in self.binding_contexts),
                    re.compile(before) if before else None,
                    re.compile(after) if after else None,
                    spec.get("across_clauses", False),
                    tuple(_class_group(n) for n in spec.get("owner", ())),
                    spec.get("owner_window", 0),
                )
            )
        for name, literals in self.suppressors.items():
            for literal in literals:
                payloads[fold_term(literal)].append((SUPPRESS, name, 1.0, "exact", False))

        pressure = self.rules["review_pressure"]
        add_cues(REVIEW_NOUN, pressure["nouns"])
        add_cues(REVIEW_ACTION, pressure["actions"])
        add_cues(REVIEW_CONDITION, pressure["conditions"])

        self._index_rule_parts()
        automaton = ahocorasick.Automaton()
        for text, found in payloads.items():
            latin_start, latin_end = "a" <= text[0] <= "z", "a" <= text[-1] <= "z"
            # Most words are cues and nothing else, whatever follows them: what they add
            # towards completing a rule is known now (see _rule_hits).
            only_cues = all(kind == CUE and not guarded for kind, _, _, _, guarded in found)
            first_parts = second_parts = 0
            if only_cues:
                for _kind, group, _factor, _form, _guarded in found:
                    first_parts |= self._first_part_of.get(group, 0)
                    second_parts |= self._second_part_of.get(group, 0)
            automaton.add_word(
                text,
                (
                    len(text),
                    tuple(found),
                    latin_start,
                    latin_end,
                    only_cues,
                    first_parts,
                    second_parts,
                ),
            )
        automaton.make_automaton()
        self.pattern_count = len(payloads)
        return automaton

    def _index_rule_parts(self) -> None:
        """Which rules each cue group is a part of, as bit masks: bit i for frame i, then one
        per pair, then one for review pressure.

        Most messages' cues complete no rule (a lone 你 or 差评); ORing a few masks says so
        at once, where testing every rule's parts against the cues cost more than the rest
        of an ordinary message's screening. The frames left set are the only ones to try.
        """
        first: dict[str, int] = defaultdict(int)
        second: dict[str, int] = defaultdict(int)
        self._one_part_rules = 0  # rules complete with their first part alone
        for index, frame in enumerate(self.frames):
            for group in frame.first:
                first[group] |= 1 << index
            for group in frame.second:
                second[group] |= 1 << index
            if not frame.second:
                self._one_part_rules |= 1 << index
        bit = len(self.frames)
        for pair in self.pairs:
            first[pair.first] |= 1 << bit
            second[pair.second] |= 1 << bit
            bit += 1
        first[REVIEW_NOUN] |= 1 << bit
        second[REVIEW_ACTION] |= 1 << bit
        self._first_part_of, self._second_part_of = dict(first), dict(second)

    # -- screening ----------------------------------------------------------------------

    # screen() and screen_batch() take each message through the same three steps: _judge()
    # (the rules, the model's veto, the labels the model would add), the model's evidence
    # for those labels (one message by dictionary lookups, or a whole batch in numpy), and
    # _conclude() (the model's hits, then the result).

    def screen(self, text: str) -> Screening:
        _check_text(text)
        norm = normalise(text)
        if self.model is None:
            return self._conclude(self._judge(norm, text), [])
        view = word_spaced(norm)
        logits, found = self.model.logits_one(view[0])
        logits = logits.tolist()
        judged = self._judge(norm, text, view, logits, self.model.above_threshold(logits))
        spans = [self.model.evidence(view[0], found, label) for label, _ in judged.to_explain]
        return self._conclude(judged, spans)

    def screen_batch(self, texts: list[str]) -> list[Screening]:
        """Screen several messages; the model reads them all in one vectorised pass, and
        finds the evidence for every label it adds in another."""
        for text in texts:
            _check_text(text)
        norms = [normalise(text) for text in texts]
        if self.model is None:
            return [
                self._conclude(self._judge(norm, text), [])
                for norm, text in zip(norms, texts, strict=True)
            ]
        views = [word_spaced(norm) for norm in norms]
        logits, windows = self.model.logits([view[0] for view in views])
        sure = self.model.above_threshold_each(logits)
        judged = [
            self._judge(norm, text, view, message_logits, message_sure)
            for norm, text, view, message_logits, message_sure in zip(
                norms, texts, views, logits.tolist(), sure, strict=True
            )
        ]
        requests = [
            (number, label, len(views[number][0]))
            for number, one in enumerate(judged)
            for label, _ in one.to_explain
        ]
        spans = iter(self.model.evidence_batch(windows, requests))
        return [self._conclude(one, [next(spans) for _ in one.to_explain]) for one in judged]

    def _judge(self, norm: Normalised, text: str, view=None, logits=None, sure=()) -> _Judged:
        """The rules, less what the model vetoes, and the labels the model may add (view:
        the text the model read and offsets from it into the normalised text; logits: the
        model's, one float per label; sure: its above_threshold())."""
        context = Context(self, norm, text, [])
        hits = self._rule_hits(context)
        if view is None:
            return _Judged(context, hits)
        if not hits and not sure:
            return _Judged(context, hits)  # most messages: nothing for the model to add
        if hits:
            vetoed = self.model.vetoed(logits)
            if vetoed:
                hits = [hit for hit in hits if hit.label not in vetoed]
        return _Judged(context, hits, view, self._labels_to_explain(context, view, hits, sure))

    def _conclude(self, judged: _Judged, spans: list) -> Screening:
        """The model's hits at ``spans`` (its evidence for each label to explain), and the
        result."""
        hits = judged.hits
        if judged.to_explain:
            hits = hits + self._model_hits(judged, spans)
        if not hits:
            return Screening([], ZERO_SCORES.copy(), [])
        return self._result(hits, judged.context.norm, judged.context.original)

    def _rule_hits(self, context: Context) -> list[Hit]:
        """The rules' hits; the suppressors found and the labels cleared go on the context.

        Two passes over the automaton's matches: the first only asks whether any lexicon
        entry matched or the cues can complete a rule, which most messages' cannot (a lone
        你 or 差评), and records the suppressors; only the messages that go on build their
        hits and cue lists in the second.
        """
        norm = context.norm
        text = norm.text
        found = list(self.automaton.iter(text))
        if not found:
            return []
        suppressed: list[tuple[int, int, str]] = context.suppressed
        first_part_of, second_part_of = self._first_part_of, self._second_part_of
        firsts, seconds, any_hit = 0, self._one_part_rules, False
        for last, value in found:
            length, payloads, latin_start, latin_end, only_cues, first_parts, second_parts = value
            start, end = last - length + 1, last + 1
            if latin_start and not norm.latin_boundary_before(start):
                continue
            if latin_end and not norm.latin_boundary_after(end):
                continue
            if only_cues:
                firsts |= first_parts
                seconds |= second_parts
                continue
            for kind, ref, _factor, _form, ends_in_initial in payloads:
                if ends_in_initial and self._initial_runs_on(text, end):
                    continue
                if kind == HIT:
                    any_hit = True
                elif kind == CUE:
                    firsts |= first_part_of.get(ref, 0)
                    seconds |= second_part_of.get(ref, 0)
                else:
                    suppressed.append((start, end, ref))
        completable = firsts & seconds
        if not any_hit and not completable:
            return []

        hits: list[Hit] = []
        cues: dict[str, list[tuple[int, int, float, str]]] = defaultdict(list)
        for last, (length, payloads, latin_start, latin_end, _, _, _) in found:
            start, end = last - length + 1, last + 1
            if latin_start and not norm.latin_boundary_before(start):
                continue
            if latin_end and not norm.latin_boundary_after(end):
                continue
            for kind, ref, factor, form, ends_in_initial in payloads:
                if ends_in_initial and self._initial_runs_on(text, end):
                    continue
                if kind == HIT:
                    label, weight, rule, aimed_only = ref
                    if form != "exact":
                        rule = f"{rule}[{form}]"
                    hits.append(
                        Hit(label, start, end, weight * factor, rule, aimed_only, form == "exact")
                    )
                elif kind == CUE:
                    cues[ref].append((start, end, factor, form))
        hits = [hit for hit in hits if self._survives(hit, context)]
        hits.extend(self._pair_hits(cues, context, completable))
        hits = [self._aim(hit, context) for hit in hits]
        # A frame that covers exactly what a lexicon entry or pair already labels adds nothing;
        # one that makes a weak hit sure (垃圾 as a clause of its own) replaces it.
        explained = {}
        for h in hits:
            key = (h.label, h.start, h.end)
            explained[key] = max(explained.get(key, 0.0), h.certainty)
        for h in self._frame_hits(cues, context, completable):
            key = (h.label, h.start, h.end)
            if key not in explained:
                hits.append(h)
            elif explained[key] < self.threshold <= h.certainty:
                hits = [x for x in hits if (x.label, x.start, x.end) != key]
                hits.append(h)
        hits.extend(self._review_pressure(cues, hits, context))
        return hits

    def _labels_to_explain(
        self, context: Context, view, rule_hits: list[Hit], sure: list[tuple[str, float]]
    ) -> list[tuple[str, float]]:
        """(label, probability) for each label the rules did not give and the model is sure
        of: at or above the label's threshold (chosen by cross-validation when it was
        trained). Below it, the model adds nothing: a vague likeness to harassment is not
        evidence."""
        if not sure or len(view[0]) < self.model.min_length:
            return []  # too short to have a context: 沙比, 。。。 are judged by the rules
        remaining = dict.fromkeys(LABELS, 1.0)
        for hit in rule_hits:
            remaining[hit.label] *= 1.0 - hit.certainty
        return [
            (label, probability)
            for label, probability in sure
            if 1.0 - remaining[label] < self.threshold and label not in context.cleared
        ]

    def _model_hits(self, judged: _Judged, spans: list) -> list[Hit]:
        """The model's word on the labels to explain, each at its evidence in ``spans``:
        the stretch of text that weighed most for the label, judged like a lexicon hit: not
        under a hard negative, a denial, reported speech or a complaint's quotation."""
        model, context = self.model, judged.context
        norm = context.norm
        text, to_norm = judged.view
        hits = []
        for (label, probability), span in zip(judged.to_explain, spans, strict=True):
            threshold = model.thresholds[label]
            if span is None or not HAN.search(text, span[0], span[1]):
                continue  # punctuation or latin alone (「this bag is」) is not evidence enough
            if to_norm is not None:
                span = (to_norm[span[0]], to_norm[span[1] - 1] + 1)
            certainty = self.threshold + (1 - self.threshold) * (probability - threshold) / (
                1 - threshold
            )
            hit = Hit(
                label,
                span[0],
                span[1],
                min(certainty, self.max_certainty),
                f"{label}.model({probability:.2f})",
            )
            if self._survives(hit, context) and not self._denied_before(norm.text, hit.start):
                hits.append(hit)
        return hits

    @staticmethod
    def _denied_before(text: str, start: int) -> bool:
        """A short denial right before ``start`` (我不会|劈了你, 你的嘴唇不|诱人), not a
        question (是不是, 要不要)."""
        denial = SHORT_NEGATION.search(text, max(0, start - 2), start)
        return bool(denial) and not _a_not_a(text, denial.start())

    @staticmethod
    def _initial_runs_on(text: str, end: int) -> bool:
        """Whether a word ending in a lone initial (神经b) runs on into another word: then the
        initial starts that word, not ends this one. A sentence particle (神经b啊) does not
        count."""
        return end < len(text) and _is_word_char(text[end]) and text[end] not in PARTICLES

    def _survives(self, hit: Hit, context: Context) -> bool:
        if self._judged_harmless(hit, context):
            context.cleared.add(hit.label)
            return False
        return True

    def _judged_harmless(self, hit: Hit, context: Context) -> bool:
        for start, end, _name in context.suppressed:
            if start < hit.end and hit.start < end:
                # An exact phrase that merely contains a hard negative is judged as a whole; a
                # disguised spelling touching one (收管材 for 收棺材) is not trusted.
                contains = (
                    hit.start <= start and end <= hit.end and hit.end - hit.start > end - start
                )
                if not (contains and hit.exact):
                    return True
        text = context.norm.text
        if self._negated(text, hit.start):
            return True
        if self.reported.search(text, max(0, hit.start - self.reported_window), hit.start):
            return True
        if context.is_complaint() and context.quoted(hit.start, hit.end):
            return True
        return False

    def _negated(self, text: str, position: int) -> bool:
        return bool(self.negation.search(text, max(0, position - self.negation_window), position))

    def _aim(self, hit: Hit, context: Context) -> Hit:
        """An insult word aimed at the reader (你个垃圾), or a weak hit so aimed, counts more."""
        if not hit.aimed_only and hit.certainty >= self.threshold:
            return hit
        window = context.norm.text[max(0, hit.start - 6) : hit.start]
        if self.address.search(window):
            hit.certainty = min(self.max_certainty, hit.certainty * self.address_boost)
            hit.rule += "+aimed_at_reader"
        return hit

    @staticmethod
    def _pairs(firsts, seconds, gap: int, both_orders: bool):
        """(start, end, factor, a, b) for each a in firsts followed within gap by b in seconds.

        Cues arrive sorted by end; lookups go through sorted starts so that a long message
        full of cues (你 is one) stays linear, not quadratic.
        """
        yield from Screener._ordered_pairs(firsts, seconds, gap, swap=False)
        if both_orders:
            yield from Screener._ordered_pairs(seconds, firsts, gap, swap=True)

    @staticmethod
    def _ordered_pairs(leading, following, gap: int, swap: bool):
        following = sorted(following)
        starts = [cue[0] for cue in following]
        for a in leading:
            low, high = bisect_left(starts, a[1]), bisect_right(starts, a[1] + gap)
            for b in following[low:high]:
                first, second = (b, a) if swap else (a, b)
                yield a[0], b[1], a[2] * b[2], first, second

    @staticmethod
    def _cancelled_by_context(rule: Pair | Frame, candidates, context: Context) -> bool:
        """Whether the message is in the rule's `unless` context (shop talk, a product
        warning), so the rule does not fire. Where that context binds and the rule's parts
        are close (a first candidate exists), it is an explicit judgement of harmlessness
        the model must respect too."""
        if rule.unless is None or not rule.unless.search(context.norm.text):
            return False
        if rule.unless_binds and next(candidates, None) is not None:
            context.cleared.add(rule.label)
        return True

    def _pair_hits(self, cues, context: Context, completable: int) -> list[Hit]:
        hits = []
        pair_bits = (completable >> len(self.frames)) & ((1 << len(self.pairs)) - 1)
        for index in _set_bits(pair_bits):  # each pair with a cue for both parts, in order
            pair = self.pairs[index]
            firsts, seconds = cues[pair.first], cues[pair.second]
            candidates = self._pairs(firsts, seconds, pair.gap, pair.both_orders)
            if self._cancelled_by_context(pair, candidates, context):
                continue
            best = None
            for start, end, factor, a, b in candidates:
                exact = a[3] == "exact" and b[3] == "exact"
                rule = f"{pair.label}.rule:{pair.name}" + ("" if exact else f"[{a[3]},{b[3]}]")
                hit = Hit(pair.label, start, end, pair.weight * factor, rule, exact=exact)
                if self._negated(context.norm.text, max(a[0], b[0])):
                    continue  # 「你的信息…不会公开」: the second part is denied
                if (best is None or hit.certainty > best.certainty) and self._survives(
                    hit, context
                ):
                    best = hit
            if best is not None:
                hits.append(best)
        return hits

    def _part_survives(self, start: int, end: int, exact: bool, context: Context) -> bool:
        """A frame's part touching a suppressor (上门 in 上门安装) or denied (不会曝光) fails."""
        for s_start, s_end, _name in context.suppressed:
            if s_start < end and start < s_end:
                contains = start <= s_start and s_end <= end and end - start > s_end - s_start
                if not (contains and exact):
                    return False
        text = context.norm.text
        if self._denied_before(text, start):
            return False
        return not self._negated(text, start)

    def _frame_hits(self, cues, context: Context, completable: int) -> list[Hit]:
        hits = []
        text = context.norm.text
        for index in _set_bits(completable & ((1 << len(self.frames)) - 1)):
            frame = self.frames[index]  # each frame with a cue for every part, in order
            firsts = [
                (c[0], c[1], c[2] * frame.weights[g], c[3], g)
                for g in frame.first
                for c in cues.get(g, ())
            ]
            if not firsts:
                continue
            seconds = [
                (c[0], c[1], c[2] * frame.weights[g], c[3], g)
                for g in frame.second
                for c in cues.get(g, ())
            ]
            if frame.second and not seconds:
                continue
            if frame.second:
                candidates = self._pairs(firsts, seconds, frame.gap, frame.both_orders)
            else:  # a one-part frame: the class alone, where the anchors allow it
                candidates = ((a[0], a[1], a[2], a, a) for a in firsts)
            if self._cancelled_by_context(frame, candidates, context):
                continue
            boosts = [c for g in frame.boost for c in cues.get(g, ())]
            owners = [c for g in frame.owner for c in cues.get(g, ())]
            if frame.owner and not owners:
                continue
            best = None
            for start, end, certainty, a, b in candidates:
                if owners and not self._owned(a, owners, frame.owner_window, text):
                    continue
                if frame.preceded_by is not None and not frame.preceded_by.search(
                    text, max(0, start - 8), start
                ):
                    continue
                if frame.followed_by is not None and not frame.followed_by.match(
                    text, end, end + 8
                ):
                    continue
                certainty *= frame.weight
                if best is not None and certainty * frame.boost_factor <= best.certainty:
                    continue
                if (
                    a is not b
                    and not frame.across_clauses
                    and CLAUSE_BREAK.search(text, min(a[1], b[1]), max(a[0], b[0]))
                ):
                    continue
                exact = a[3] == "exact" and b[3] == "exact"
                if not (
                    self._part_survives(a[0], a[1], a[3] == "exact", context)
                    and self._part_survives(b[0], b[1], b[3] == "exact", context)
                ):
                    context.cleared.add(frame.label)
                    continue
                parts = text[a[0] : a[1]] if a is b else f"{text[a[0] : a[1]]}+{text[b[0] : b[1]]}"
                rule = f"{frame.label}.frame:{frame.name}({parts})"
                if not exact:
                    rule += f"[{a[3]}]" if a is b else f"[{a[3]},{b[3]}]"
                low, high = start - frame.boost_window, end + frame.boost_window
                booster = next(
                    (
                        c
                        for c in boosts
                        if low <= c[0]
                        and c[1] <= high
                        and not (c[0] < a[1] and a[0] < c[1])  # not part of either part
                        and not (c[0] < b[1] and b[0] < c[1])
                    ),
                    None,
                )
                if booster is not None:
                    certainty *= frame.boost_factor
                    rule += f"+cue({text[booster[0] : booster[1]]})"
                certainty = min(self.frame_max_certainty, certainty)
                hit = Hit(frame.label, start, end, certainty, rule, exact=exact)
                if (best is None or hit.certainty > best.certainty) and self._survives_context(
                    hit, context
                ):
                    best = hit
            if best is not None:
                hits.append(best)
        return hits

    @staticmethod
    def _owned(part, owners, window: int, text: str) -> bool:
        """An owner cue (你的, 你儿子的) ends at most `window` characters before the part, in
        the same clause: 你的户籍信息, 你儿子的班级和名字."""
        for owner in owners:
            if owner[1] <= part[0] <= owner[1] + window and not CLAUSE_BREAK.search(
                text, owner[1], part[0]
            ):
                return True
        return False

    def _survives_context(self, hit: Hit, context: Context) -> bool:
        """Reported speech and a complaint's quotation, for a hit whose parts survived."""
        text = context.norm.text
        if self._negated(text, hit.start):
            return False
        if self.reported.search(text, max(0, hit.start - self.reported_window), hit.start):
            return False
        return not (context.is_complaint() and context.quoted(hit.start, hit.end))

    def _review_pressure(self, cues, hits: list[Hit], context: Context) -> list[Hit]:
        nouns, actions = cues.get(REVIEW_NOUN), cues.get(REVIEW_ACTION)
        if not nouns or not actions:
            return []
        demand = None
        for start, end, factor, a, b in self._pairs(actions, nouns, self.pressure_gap, True):
            if self._negated(context.norm.text, max(a[0], b[0])):
                context.cleared.add("review_pressure")
                continue
            candidate = Hit("review_pressure", start, end, self.pressure_weight * factor, "")
            if (demand is None or candidate.certainty > demand.certainty) and self._survives(
                candidate, context
            ):
                demand = candidate
        if demand is None:
            return []
        text = context.norm.text
        other_labels = sorted(
            {
                h.label
                for h in hits
                if h.certainty >= self.threshold and h.label != "review_pressure"
            }
        )
        condition = self._condition(cues.get(REVIEW_CONDITION, ()), text)
        if condition is not None:
            start, end, factor, _form = condition
            demand.certainty *= factor
            demand.rule = f"review_pressure.rule:demand+condition({text[start:end]})"
            demand.start, demand.end = min(demand.start, start), max(demand.end, end)
        elif other_labels:
            demand.rule = f"review_pressure.rule:demand+{'+'.join(other_labels)}"
        elif self.pressure_rude.search(text) and not self.pressure_polite.search(text):
            demand.rule = "review_pressure.rule:rude_demand"
        else:
            # No condition, threat, insult or rudeness the rules know. Only a request the
            # rules recognise as one (polite, or a condition about the seller's own stake:
            # 不然我们会被扣分) is judged harmless; otherwise the model may still see pressure.
            if self.pressure_polite.search(text) or any(
                self.pressure_self_consequence.search(text[cue[1] : cue[1] + 10])
                for cue in cues.get(REVIEW_CONDITION, ())
            ):
                context.cleared.add("review_pressure")
            return []
        return [demand]

    def _condition(self, conditions, text: str):
        """The most certain condition cue that is not denied and not about the seller itself."""
        best = None
        for cue in conditions:
            start, end = cue[0], cue[1]
            if self._negated(text, start) or self.pressure_self_consequence.search(
                text[end : end + 10]
            ):
                continue
            if best is None or cue[2] > best[2]:
                best = cue
        return best

    def _result(self, hits: list[Hit], norm: Normalised, original: str) -> Screening:
        remaining = dict.fromkeys(LABELS, 1.0)
        best: dict[tuple[str, int, int], Hit] = {}
        for hit in hits:
            remaining[hit.label] *= 1.0 - hit.certainty
            key = (hit.label, hit.start, hit.end)
            if key not in best or best[key].certainty < hit.certainty:
                best[key] = hit
        # round() is slow for what it does, and most labels have no hit: 0.0 is its answer.
        scores = {
            label: round(1.0 - remaining[label], 3) if remaining[label] != 1.0 else 0.0
            for label in LABELS
        }
        labels = [label for label in LABELS if scores[label] >= self.threshold]
        spans = []
        for hit in sorted(best.values(), key=attrgetter("start", "label")):
            if hit.label not in labels:
                continue
            start, end = norm.original_span(hit.start, hit.end)
            spans.append(
                {
                    "label": hit.label,
                    "start": start,
                    "end": end,
                    "text": original[start:end],
                    "rule": hit.rule,
                }
            )
        return Screening(labels, scores, spans)
