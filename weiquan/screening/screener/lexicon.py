"""Loading the data files and spelling each term the ways people disguise it.

A term such as 砍死你 is expanded into the variants an evader would type — 砍si你, kansini,
坎死你, 砍死泥 — each with a certainty below the term's weight. Matching then stays one
Aho-Corasick pass: no pinyin conversion of the incoming text is needed.
"""

from __future__ import annotations

import itertools
import re._parser as regex_parser
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .normalise import fold_term

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LABELS = ("abuse", "doxxing", "review_pressure", "sexual", "threat")

# A generated variant may replace at most this many characters with a mix of pinyin,
# initials and homophones; beyond that, only the all-pinyin spelling is kept.
MAX_MIXED_SUBSTITUTIONS = 2
# Characters that carry no content: a disguised spelling must keep something else.
FUNCTION_CHARS = frozenset("你我他她它的了吗吧啊个子人")


@dataclass(frozen=True, slots=True)
class Entry:
    label: str
    term: str
    weight: float
    flags: frozenset[str] = frozenset()
    source: str = ""  # file:line, for explanations and data tests

    @property
    def rule(self) -> str:
        return f"{self.label}.lexicon:{self.term}"


@dataclass(frozen=True, slots=True)
class Variant:
    text: str
    factor: float  # certainty relative to the exact term
    form: str  # exact | pinyin | initial | homophone | initialism, '+'-joined when mixed
    # Ends in a lone initial (王八d): only trusted where the word visibly ends there, not
    # inside a run of hanzi (「你的x息」 is not 你的胸).
    ends_in_initial: bool = False


@dataclass
class Tables:
    pinyin: dict[str, tuple[str, ...]] = field(default_factory=dict)
    homophones: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _data_lines(path: Path):
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield number, line


def load_lexicon(data_dir: Path = DATA_DIR) -> list[Entry]:
    entries = []
    for label in LABELS:
        path = data_dir / "lexicon" / f"{label}.tsv"
        for number, line in _data_lines(path):
            columns = line.split("\t")
            if len(columns) < 2:
                raise ValueError(f"{path.name}:{number}: expected term<TAB>weight[<TAB>flags]")
            term, weight = fold_term(columns[0].strip()), float(columns[1])
            flags = (
                frozenset(f.strip() for f in columns[2].split(","))
                if len(columns) > 2
                else frozenset()
            )
            flags -= {""}
            entries.append(Entry(label, term, weight, flags, f"{path.name}:{number}"))
    return entries


def load_tables(data_dir: Path = DATA_DIR) -> Tables:
    tables = Tables()
    for number, line in _data_lines(data_dir / "pinyin.tsv"):
        char, *readings = line.split()
        if not readings:
            raise ValueError(f"pinyin.tsv:{number}: no reading for {char}")
        tables.pinyin[char] = tuple(readings)
    for number, line in _data_lines(data_dir / "homophones.tsv"):
        char, *sounds_like = line.split()
        if not sounds_like:
            raise ValueError(f"homophones.tsv:{number}: no homophone for {char}")
        tables.homophones[char] = tuple(fold_term(h) for h in sounds_like)
    return tables


def load_rules(data_dir: Path = DATA_DIR) -> dict:
    with open(data_dir / "rules.toml", "rb") as handle:
        return tomllib.load(handle)


def load_frames(data_dir: Path = DATA_DIR) -> dict:
    """frames.toml: word classes and the frames that compose them (see its header)."""
    with open(data_dir / "frames.toml", "rb") as handle:
        return tomllib.load(handle)


def class_parts(spec: dict) -> list[tuple[str, str]]:
    """A class's terms as (prefix, term), each term with each prefix when it has any."""
    prefixes = spec.get("prefixes") or [""]
    seen, parts = set(), []
    for prefix in prefixes:
        for term in spec["terms"]:
            pair = (fold_term(prefix), fold_term(term))
            if "".join(pair) not in seen:
                seen.add("".join(pair))
                parts.append(pair)
    return parts


def class_terms(spec: dict) -> list[str]:
    """A class's terms, each composed with each of its prefixes when it has any."""
    return ["".join(pair) for pair in class_parts(spec)]


def composed_variants(
    prefix: str, term: str, tables: Tables, scoring: dict, initials: bool = True
) -> list[Variant]:
    """Disguises of prefix + term: either part disguised, the other as written.

    Disguising the composed string as a whole would multiply (40 nouns × 11 prefixes ×
    every placement of two substitutions); a disguise sits in one word in practice.
    """

    def variants_of(text: str) -> list[Variant]:
        flags = frozenset() if len(text) > 1 else frozenset({"exact"})
        found = spell_variants(text, tables, scoring, flags)
        if not initials and len(text) <= 2:
            found = [v for v in found if "initial" not in v.form]
        return found

    if not prefix:
        return variants_of(term)
    out = {prefix + term: Variant(prefix + term, 1.0, "exact")}
    for v in variants_of(prefix):
        if v.form != "exact" and "initial" not in v.form:
            out.setdefault(v.text + term, Variant(v.text + term, v.factor, v.form))
    for v in variants_of(term):
        if v.form != "exact":
            text = prefix + v.text
            if text not in out or out[text].factor < v.factor:
                out[text] = Variant(text, v.factor, v.form, v.ends_in_initial)
    return list(out.values())


def _is_hanzi(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def spell_variants(term: str, tables: Tables, scoring: dict, flags=frozenset()) -> list[Variant]:
    """Every disguise of `term` we match, with its certainty factor. The exact term first."""
    variants = {term: Variant(term, 1.0, "exact")}
    if "exact" in flags:
        return list(variants.values())
    pinyin_f, initial_f = scoring["pinyin_factor"], scoring["initial_factor"]
    homophone_f = scoring["homophone_factor"]
    hanzi_positions = [i for i, c in enumerate(term) if _is_hanzi(c)]
    options: list[list[tuple[str, float, str]]] = []
    for char in term:
        choices = [(char, 1.0, "")]
        if _is_hanzi(char):
            for reading in tables.pinyin.get(char, ()):
                choices.append((reading, pinyin_f, "pinyin"))
            initials = {reading[0] for reading in tables.pinyin.get(char, ())}
            choices.extend((initial, initial_f, "initial") for initial in sorted(initials))
            choices.extend((h, homophone_f, "homophone") for h in tables.homophones.get(char, ()))
        options.append(choices)

    def add(pieces: list[tuple[str, float, str]], extra_factor: float = 1.0, form=None):
        text = "".join(p[0] for p in pieces)
        kinds = [p[2] for p in pieces if p[2]]
        if text == term or len(text) < 2:
            return
        if text.isascii() and len(text) < 3 and form != "initialism":
            return  # two latin letters are too common to be evidence, except known initialisms
        factor = extra_factor
        for piece in pieces:
            factor *= piece[1]
        homophones = kinds.count("homophone")
        if homophones and homophones * 2 >= max(len(hanzi_positions), 1):
            factor *= scoring["homophone_alone_factor"]
        if kinds.count("initial") > 1 and form != "initialism":
            return  # a string of initials is only evidence for a known initialism
        if "initial" in kinds and form != "initialism":
            kept = [
                p[0] for p in pieces if not p[2] and _is_hanzi(p[0]) and p[0] not in FUNCTION_CHARS
            ]
            if not kept:
                return  # 「m你」 for 摸你: a pronoun beside a lone letter is no evidence
        form = form or "+".join(sorted(set(kinds)))
        ends_in_initial = pieces[-1][2] == "initial" and form != "initialism"
        if text not in variants or variants[text].factor < factor:
            variants[text] = Variant(text, factor, form, ends_in_initial)

    # Up to MAX_MIXED_SUBSTITUTIONS characters replaced by any mix of disguises.
    for count in range(1, min(MAX_MIXED_SUBSTITUTIONS, len(hanzi_positions)) + 1):
        for positions in itertools.combinations(hanzi_positions, count):
            per_position = [
                options[i][1:] if i in positions else options[i][:1] for i in range(len(term))
            ]
            for pieces in itertools.product(*per_position):
                add(list(pieces))
    # Any run of neighbouring characters in pinyin (你给我xiaoxindian, kansini): people switch
    # to pinyin for a stretch, not for scattered characters.
    pinyin_only = [
        [c for c in options[i] if c[2] == "pinyin"] or options[i][:1] for i in range(len(term))
    ]
    for first, last in itertools.combinations(range(len(term) + 1), 2):
        run = range(first, last)
        if last - first <= MAX_MIXED_SUBSTITUTIONS or not all(i in hanzi_positions for i in run):
            continue  # short runs are already covered by the mixed spellings above
        per_position = [pinyin_only[i] if i in run else options[i][:1] for i in range(len(term))]
        for pieces in itertools.product(*per_position):
            add(list(pieces))
    # The known initialism: sb, cnm, nmsl.
    if "initials" in flags:
        initials = [
            [(r[0], 1.0, "initial") for r in tables.pinyin.get(c, ())] or [(c, 1.0, "")]
            for c in term
        ]
        for pieces in itertools.product(*initials):
            add(list(pieces), scoring["initialism_factor"], form="initialism")
    return list(variants.values())


def expand_pattern(pattern: str, limit: int = 5000) -> list[str]:
    """Every string a finite regular expression matches: '上门(找你)?(取件|安装)' gives four.

    Suppressors are written as regular expressions for readability and matched as literals
    in the Aho-Corasick pass. Raises ValueError for an unbounded or too large language.
    """

    def expand(items) -> set[str]:
        results = {""}
        for op, value in items:
            name = str(op)
            if name == "LITERAL":
                options = {chr(value)}
            elif name == "SUBPATTERN":
                options = expand(value[3])
            elif name == "BRANCH":
                options = set().union(*(expand(branch) for branch in value[1]))
            elif name == "IN":
                if any(str(kind) != "LITERAL" for kind, _ in value):
                    raise ValueError(f"only literal character classes are supported: {pattern}")
                options = {chr(code) for _, code in value}
            elif name in ("MAX_REPEAT", "MIN_REPEAT"):
                low, high, inner = value
                if high > 3:
                    raise ValueError(f"unbounded repetition in suppressor: {pattern}")
                once = expand(inner)
                options = set()
                for count in range(low, high + 1):
                    options |= {"".join(parts) for parts in itertools.product(once, repeat=count)}
            else:
                raise ValueError(f"{name} is not supported in a suppressor: {pattern}")
            results = {a + b for a in results for b in options}
            if len(results) > limit:
                raise ValueError(f"suppressor expands to more than {limit} strings: {pattern}")
        return results

    return sorted(s for s in expand(regex_parser.parse(pattern)) if s)
