"""Normalisation with an offset map back into the original text.

Every character is first mapped one-to-one by a single ``str.translate`` table (so the
per-message cost is C speed): compatibility forms and full-width ASCII to plain ASCII,
upper to lower case, traditional to simplified script, 您/妳 to 你. Characters people insert
to break a word up — spaces, dots, zero-width characters, emoji, symbols — are mapped to a
sentinel and removed afterwards. Removal is the only step that shifts offsets, so the offset
map is a short list of runs, resolved only for the few positions a hit needs.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

import opencc

SKIP = "\x00"

# Clause punctuation is kept: rules use it to stay inside one sentence.
CLAUSE_PUNCTUATION = set("，。！？；：,.!?;:\n")
# ...except ASCII '.', which people use to split words (上.门.砍); 。 keeps ending sentences.
CLAUSE_PUNCTUATION.discard(".")

# Characters used to split a word apart. Quotation marks and brackets go too: the quoted
# span is checked against the original text when it matters.
SPLITTERS = set(
    " \t\r\u3000.·•・‧∙-_*/\\|~^+=#'\"`、…—–()[]{}<>「」『』“”‘’《》【】〈〉〔〕〖〗"
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
)
SECOND_PERSON = {"您": "你", "妳": "你", "祢": "你"}
# Traditional text writes 等着 as 等著; t2s keeps 著 (著名). Matching prefers 着.
SCRIPT_OVERRIDES = {"著": "着"}
# Emoji and pictographs outside the BMP.
ASTRAL_SYMBOL_RANGES = [(0x1F000, 0x1FAFF), (0xE0000, 0xE007F), (0x1FC00, 0x1FFFF)]


def _traditional_to_simplified() -> dict[str, str]:
    # Character by character: phrase-level conversion would not be one-to-one. t2s, plus
    # what tw2s adds (著 → 着) for characters that are not themselves simplified forms:
    # tw2s alone turns the simplified 么 into 幺.
    chars = [chr(c) for c in range(0x3400, 0xA000)] + [chr(c) for c in range(0xF900, 0xFB00)]
    joined = "\n".join(chars)
    t2s = opencc.OpenCC("t2s").convert(joined).split("\n")
    tw2s = opencc.OpenCC("tw2s").convert(joined).split("\n")
    simplified_forms = {out for char, out in zip(chars, t2s, strict=True) if out != char}
    table = {}
    for char, by_t2s, by_tw2s in zip(chars, t2s, tw2s, strict=True):
        if by_t2s != char and len(by_t2s) == 1:
            table[char] = by_t2s
        elif by_tw2s != char and len(by_tw2s) == 1 and char not in simplified_forms:
            table[char] = by_tw2s
    return table


def build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20, 0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if char in CLAUSE_PUNCTUATION:
            continue
        folded = unicodedata.normalize("NFKC", char)
        if len(folded) != 1:
            folded = char
        folded = folded.lower() if folded.isascii() else folded
        if folded in CLAUSE_PUNCTUATION:
            table[code] = folded
            continue
        category = unicodedata.category(folded)
        if folded in SPLITTERS or char in SPLITTERS or category[0] in "SZC" or category == "Mn":
            table[code] = SKIP
        elif category[0] == "P" and folded not in CLAUSE_PUNCTUATION:
            table[code] = SKIP
        elif folded != char:
            table[code] = folded
    for code in range(0, 0x20):
        table[code] = "\n" if chr(code) == "\n" else SKIP
    for low, high in ASTRAL_SYMBOL_RANGES:
        for code in range(low, high + 1):
            table[code] = SKIP
    for traditional, simplified in _traditional_to_simplified().items():
        table[ord(traditional)] = SECOND_PERSON.get(simplified, simplified)
    for variant, plain in (SECOND_PERSON | SCRIPT_OVERRIDES).items():
        table[ord(variant)] = plain
    # Follow chains (⾨ → 門 → 门) so one translate pass reaches the final form.
    for code, target in table.items():
        seen = {code}
        while len(target) == 1 and ord(target) in table and ord(target) not in seen:
            seen.add(ord(target))
            target = table[ord(target)]
        table[code] = target
    return table


FOLD_TABLE = build_fold_table()


def fold_term(term: str) -> str:
    """Fold a lexicon term the same way as text, so data files may be written in any script."""
    return term.translate(FOLD_TABLE).replace(SKIP, "")


@dataclass(slots=True)
class Normalised:
    text: str  # what lexicons and rules run on
    folded: str  # one-to-one with the original, SKIP where a character was removed
    # The start of each kept run in `text`, and where it starts in the original. Found on
    # first use: most messages match nothing and never map an offset back.
    run_starts: list[int] | None = None
    run_origins: list[int] | None = None

    @property
    def removed_any(self) -> bool:
        return len(self.text) != len(self.folded)

    def original_index(self, index: int) -> int:
        if not self.removed_any:
            return index
        if self.run_starts is None:
            self._find_runs()
        run = bisect_right(self.run_starts, index) - 1
        return self.run_origins[run] + index - self.run_starts[run]

    def _find_runs(self) -> None:
        self.run_starts, self.run_origins = [], []
        length = origin = 0
        for piece in self.folded.split(SKIP):
            if piece:
                self.run_starts.append(length)
                self.run_origins.append(origin)
                length += len(piece)
            origin += len(piece) + 1

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.original_index(start), self.original_index(end - 1) + 1

    def latin_boundary_before(self, start: int) -> bool:
        """True when the character before `start` in the original is not a latin letter.

        Removed separators count as boundaries, so 「s b」 is 'sb' but 「this bag」 is not.
        """
        index = self.original_index(start) - 1
        return index < 0 or not _is_latin(self.folded[index])

    def latin_boundary_after(self, end: int) -> bool:
        index = self.original_index(end - 1) + 1
        return index >= len(self.folded) or not _is_latin(self.folded[index])


def _is_latin(char: str) -> bool:
    return "a" <= char <= "z"


_HAS_LATIN = re.compile("[a-z]")


def word_spaced(norm: Normalised) -> tuple[str, list[int] | None]:
    """The normalised text with one space kept where a removed separator stood between two
    latin letters, and where each of its characters is in ``norm.text`` (None: the same).

    The n-gram model reads this: 「this bag」 must not hold the n-gram 'sb'. Chinese needs no
    spaces, and a split word (上 门 砍) is still joined.
    """
    if not norm.removed_any or not _HAS_LATIN.search(norm.text):
        return norm.text, None
    out: list[str] = []
    to_norm: list[int] = []
    kept = 0  # index in norm.text of the next kept character
    folded = norm.folded
    previous = ""
    gap = False
    for char in folded:
        if char == SKIP:
            gap = True
            continue
        if gap and _is_latin(previous) and _is_latin(char):
            out.append(" ")
            to_norm.append(kept)
        out.append(char)
        to_norm.append(kept)
        kept += 1
        previous, gap = char, False
    return "".join(out), to_norm


def normalise(text: str) -> Normalised:
    folded = text.translate(FOLD_TABLE)
    return Normalised(folded.replace(SKIP, "") if SKIP in folded else folded, folded)
