"""The learned layer: a linear model over character n-grams of the normalised text.

The lexicons and frames are precise but closed: they know the phrases someone wrote down.
This model is trained on the development part of our own labelled set (``train_screener``)
and adds recall on wording no entry names. It reads the text *after* normalisation, so the
script, width, splitting and emoji disguises are already undone, and it learnt from the
pinyin, initial and homophone copies of every development message.

Features are the presence of the 1- to 3-character n-grams of each message, with a boundary
mark at both ends (滚 alone is not 滚筒). They are found with numpy over a whole batch at
once: every n-gram of every message gets a 64-bit hash in one vectorised pass and is looked
up in the sorted hashes of the vocabulary, so a batch of short messages costs a few
microseconds each. Training (training.py) uses the same function, so the two cannot drift.

The model file (``data/model/ngram_model.tsv.gz``) is committed; it starts with one JSON line
(labels, biases, per-label thresholds chosen by cross-validation, the SHA-256 of the data it
was trained on) followed by ``"ngram"<TAB>weight …`` lines, one weight per label.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "model" / "ngram_model.tsv.gz"
BOUNDARY = "\x02"  # marks the start and end of a message
SEPARATOR = "\x03"  # between messages in a batch
_MULTIPLIER = np.uint64(0x100000001B3)
_MIX = np.uint64(0xFF51AFD7ED558CCD)
# At most this many cells (requests x the longest of their texts) per evidence array.
EVIDENCE_CELLS = 1 << 18


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def _hash_windows(codepoints: np.ndarray, size: int) -> np.ndarray:
    """A 64-bit hash of every window of ``size`` codepoints (wrapping arithmetic)."""
    count = len(codepoints) - size + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
        hashed = np.full(count, size, dtype=np.uint64)
        for offset in range(size):
            hashed = (hashed * _MULTIPLIER) ^ codepoints[offset : offset + count]
        hashed ^= hashed >> np.uint64(29)
        hashed *= _MIX
        hashed ^= hashed >> np.uint64(32)
    return hashed


def window_hashes(texts: list[str], sizes: tuple[int, ...]):
    """Every window of the joined padded texts, as parallel arrays (hash, message index,
    start in the joined text, size), with each message's start and that joined text.

    Windows that straddle two messages are kept: they hold the separator, which no n-gram of
    one message does, so they never match the vocabulary and filtering them would only cost
    time at inference (gram_occurrences() filters them for training).
    """
    # A separator between messages that normalised text never holds: a window across two
    # messages contains it and cannot match (an empty message's own window \x02\x02 can).
    padded = [BOUNDARY + text + BOUNDARY + SEPARATOR for text in texts]
    lengths = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
    joined = "".join(padded)
    codepoints = _codepoints(joined)
    owner = np.repeat(np.arange(len(padded)), lengths)
    positions = np.arange(len(codepoints))
    hashes = [_hash_windows(codepoints, size) for size in sizes]
    return (
        np.concatenate(hashes),
        np.concatenate([owner[: len(h)] for h in hashes]),
        np.concatenate([positions[: len(h)] for h in hashes]),
        np.concatenate([np.full(len(h), size) for h, size in zip(hashes, sizes, strict=True)]),
        np.cumsum(lengths) - lengths,
        joined,
    )


def gram_occurrences(texts: list[str], sizes: tuple[int, ...]):
    """The windows of window_hashes() that lie inside one padded message (no separator):
    (hash, message index, start in the joined text, size) arrays, and the joined text."""
    hashes, owners, starts, widths, message_starts, joined = window_hashes(texts, sizes)
    # The last character a window may cover: the message's closing boundary mark.
    closing = message_starts + np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1
    inside = starts + widths - 1 <= closing[owners]
    return hashes[inside], owners[inside], starts[inside], widths[inside], joined


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted: np.unique's answer, but by a plain sort, which is many
    times faster than the hash table np.unique (numpy 2.3+) uses for integers."""
    values = np.sort(values)
    keep = np.empty(len(values), dtype=bool)
    keep[:1] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


class Windows:
    """The known n-gram occurrences of a batch, by message, for explaining a label.

    Put in message order on first use: a batch of ordinary messages seldom needs any.
    """

    def __init__(self, owners, starts, sizes, rows, message_starts):
        self._found = owners, starts, sizes, rows, message_starts
        self.owners = self.starts = self.sizes = self.rows = None

    def _sort(self) -> None:
        owners, starts, sizes, rows, message_starts = self._found
        order = np.argsort(owners, kind="stable")
        self.owners = owners[order]
        self.starts = starts[order] - message_starts[self.owners]
        self.sizes, self.rows = sizes[order], rows[order]

    def of(self, messages: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The occurrences of each of ``messages`` (indices into this object's arrays, each
        message's in their stored order), and for each the position in ``messages``."""
        if self.owners is None:
            self._sort()
        low = np.searchsorted(self.owners, messages, side="left")
        counts = np.searchsorted(self.owners, messages, side="right") - low
        of_message = np.repeat(np.arange(len(messages)), counts)
        first = np.cumsum(counts) - counts  # where each message's occurrences begin in the result
        occurrences = np.arange(len(of_message)) - first[of_message] + low[of_message]
        return occurrences, of_message


def hash_grams(grams: list[str]) -> np.ndarray:
    """The hash of each n-gram, as _hash_windows() gives it inside a text (by length groups)."""
    hashes = np.zeros(len(grams), dtype=np.uint64)
    by_size: dict[int, list[int]] = {}
    for position, gram in enumerate(grams):
        by_size.setdefault(len(gram), []).append(position)
    for size, positions in by_size.items():
        joined = _codepoints("".join(grams[p] for p in positions)).reshape(len(positions), size)
        with np.errstate(over="ignore"):
            hashed = np.full(len(positions), size, dtype=np.uint64)
            for offset in range(size):
                hashed = (hashed * _MULTIPLIER) ^ joined[:, offset]
            hashed ^= hashed >> np.uint64(29)
            hashed *= _MIX
            hashed ^= hashed >> np.uint64(32)
        hashes[positions] = hashed
    return hashes


class NgramModel:
    def __init__(self, header: dict, grams: list[str], weights: np.ndarray):
        self.header = header
        self.labels: list[str] = header["labels"]
        self.sizes = tuple(header["ngram_sizes"])
        self.bias = np.asarray(header["bias"], dtype=np.float64)
        self.thresholds: dict[str, float] = header["thresholds"]
        # Shorter messages have no context for the model to read; the rules judge them.
        self.min_length: int = header["settings"]["min_length"]
        # Compared on the logit scale, so no message pays for an exp().
        self.logit_thresholds = np.array(
            [np.log(t / (1 - t)) for t in (self.thresholds[label] for label in self.labels)]
        )
        # Below its veto the model overrules the rules' label (0: never; chosen in training).
        vetoes = header.get("vetoes", {})
        self.logit_vetoes = np.array(
            [
                np.log(v / (1 - v)) if (v := vetoes.get(label, 0.0)) > 0 else -np.inf
                for label in self.labels
            ]
        )
        self.logit_threshold_list = self.logit_thresholds.tolist()
        self.logit_veto_list = self.logit_vetoes.tolist()
        # Tuples, not lists, here and in weight_lists: a tuple of strings or floats drops out
        # of the cyclic garbage collector's view, which otherwise walks all 181k entries of
        # each at every full collection (~10% of a bulk screening run).
        self.grams = tuple(grams)
        self.weights = np.asarray(weights, dtype=np.float64)
        self.index = {gram: i for i, gram in enumerate(grams)}
        self._build_table(hash_grams(grams))

    def _build_table(self, hashes: np.ndarray) -> None:
        """An open-addressing table of the vocabulary's hashes, kept under 1/4 full.

        So sparse that most lookups end at their first slot: one vectorised gather for the
        whole batch, and a short probe loop only for the few that collided.
        """
        size = 1 << max(8, (len(hashes) * 4 - 1).bit_length())
        mask = size - 1
        table_hashes, table_rows = [0] * size, [-1] * size  # 0: empty (no gram hashes to 0)
        for row, hashed in enumerate(hashes.tolist()):
            slot = hashed & mask
            while table_hashes[slot]:
                slot = (slot + 1) & mask
            table_hashes[slot], table_rows[slot] = hashed, row
        self.mask = np.uint64(mask)
        self.table_hashes = np.array(table_hashes, dtype=np.uint64)
        self.table_rows = np.array(table_rows, dtype=np.int32)
        # One contiguous weight array per label: gathering 1-D arrays is cheaper than rows.
        self.columns = [np.ascontiguousarray(self.weights[:, j]) for j in range(len(self.labels))]
        self.weight_lists = tuple(tuple(column.tolist()) for column in self.columns)  # for loops

    def _rows(self, hashes: np.ndarray) -> np.ndarray:
        """The weight row of each hash, or -1 for an n-gram not in the vocabulary."""
        # Slots as intp and take(): numpy gathers a good deal faster than by a[uint64 array].
        slots = (hashes & self.mask).astype(np.intp)
        stored = self.table_hashes.take(slots)
        rows = np.where(stored == hashes, self.table_rows.take(slots), -1)
        # Occupied by another n-gram: probe on, for those few only, until an empty slot.
        pending = np.flatnonzero((stored != hashes) & (stored != 0))
        mask = int(self.mask)
        while len(pending):
            slots[pending] = (slots[pending] + 1) & mask
            stored = self.table_hashes.take(slots[pending])
            match = stored == hashes[pending]
            rows[pending[match]] = self.table_rows.take(slots[pending[match]])
            pending = pending[~match & (stored != 0)]
        return rows

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> NgramModel | None:
        if not path.exists():
            return None
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            header = json.loads(handle.readline())
            grams, rows = [], []
            for line in handle:
                gram, values = line.rstrip("\n").split("\t", 1)
                grams.append(json.loads(gram))
                rows.append([float(v) for v in values.split(" ")])
        return cls(header, grams, np.asarray(rows).reshape(len(rows), len(header["labels"])))

    def save(self, path: Path = MODEL_PATH) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # mtime=0: the same model gives the same bytes, so git sees a retrain only if it changed.
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            gz.write((json.dumps(self.header, ensure_ascii=False) + "\n").encode())
            for gram, row in zip(self.grams, self.weights, strict=True):
                values = " ".join(f"{w:.4g}" for w in row)
                gz.write(f"{json.dumps(gram, ensure_ascii=False)}\t{values}\n".encode())

    def logits(self, texts: list[str]) -> tuple[np.ndarray, Windows | None]:
        """Per-message, per-label logits for normalised texts, shape (len(texts), labels),
        and the known n-gram occurrences that explain them."""
        result = np.tile(self.bias, (len(texts), 1))
        if not texts:
            return result, None
        hashes, owners, starts, sizes, message_starts, _joined = window_hashes(texts, self.sizes)
        rows = self._rows(hashes)
        known = np.flatnonzero(rows >= 0)
        windows = Windows(owners[known], starts[known], sizes[known], rows[known], message_starts)
        # Presence, not counts: 你好 said two thousand times is still one 你好.
        pairs = _distinct(owners[known] * len(self.weights) + rows[known])
        present_owners, present_rows = np.divmod(pairs, len(self.weights))
        for column, weights in enumerate(self.columns):
            result[:, column] += np.bincount(
                present_owners, weights=weights[present_rows], minlength=len(texts)
            )
        return result, windows

    def logits_one(self, text: str) -> tuple[np.ndarray, list[tuple[int, int, int]]]:
        """The same for one message, by dictionary lookups: cheaper than numpy for one."""
        padded = BOUNDARY + text + BOUNDARY
        lookup = self.index.get
        found = [
            (start, size, row)
            for size in self.sizes
            for start in range(len(padded) - size + 1)
            if (row := lookup(padded[start : start + size])) is not None
        ]
        rows = list({row for _start, _size, row in found})
        return (self.bias + self.weights[rows].sum(axis=0) if rows else self.bias), found

    # The two below take one message's logits as a list of floats (ndarray.tolist(), once
    # per batch): comparing Python floats costs far less than indexing numpy scalars.

    def above_threshold(self, logits: list[float]) -> list[tuple[str, float]]:
        """(label, probability) for each label whose logit reaches its threshold."""
        return [
            (label, float(1.0 / (1.0 + np.exp(-logit))))
            for label, logit, threshold in zip(
                self.labels, logits, self.logit_threshold_list, strict=True
            )
            if logit >= threshold
        ]

    def above_threshold_each(self, logits: np.ndarray) -> list[list[tuple[str, float]]]:
        """above_threshold() for each row of a batch's logits; most rows reach no threshold,
        and one numpy comparison finds the few that do."""
        sure: list[list[tuple[str, float]]] = [[] for _ in range(len(logits))]
        for row in np.flatnonzero((logits >= self.logit_thresholds).any(axis=1)).tolist():
            sure[row] = self.above_threshold(logits[row].tolist())
        return sure

    def vetoed(self, logits: list[float]) -> set[str]:
        """Labels the model is sure enough are absent to overrule the rules."""
        return {
            label
            for label, logit, veto in zip(self.labels, logits, self.logit_veto_list, strict=True)
            if logit < veto
        }

    def evidence(
        self, text: str, found: list[tuple[int, int, int]], label: str
    ) -> tuple[int, int] | None:
        """The stretch of ``text`` that weighs most towards ``label``: (start, end) or None.

        Every n-gram occurrence (``found``: start in the padded text, size, weight row)
        spreads its weight over its characters; the span is the contiguous run with the
        largest total (Kadane), so it reads as the words that made the model sure, 傻叉
        rather than 你.
        """
        weights = self.weight_lists[self.labels.index(label)]
        change = [0.0] * (len(text) + 3)  # differences: each share added over its characters
        for start, size, row in found:
            share = weights[row] / size
            change[start] += share
            change[start + size] -= share
        best, best_span, running, running_start, per_char = 0.0, None, 0.0, 1, change[0]
        for position in range(1, len(text) + 1):  # the boundaries are not text
            per_char += change[position]
            if running <= 0:
                running, running_start = 0.0, position
            running += per_char
            if running > best:
                best, best_span = running, (running_start - 1, position)
        return best_span

    def evidence_batch(
        self, windows: Windows, requests: list[tuple[int, str, int]]
    ) -> list[tuple[int, int] | None]:
        """evidence() for many (message in the batch, label, length of its text) at once.

        The same float operations in the same order as evidence(), vectorised across the
        requests, so the spans agree to the bit (see _evidence_sorted). Requests go longest
        first, in chunks that keep the arrays small whatever the messages' lengths.
        """
        if not requests:
            return []
        column_of = {label: column for column, label in enumerate(self.labels)}
        messages = np.array([message for message, _label, _length in requests], dtype=np.int64)
        columns = np.array([column_of[label] for _message, label, _length in requests])
        lengths = np.array([length for _message, _label, length in requests], dtype=np.int64)
        order = np.argsort(-lengths, kind="stable")
        messages, columns, lengths = messages[order], columns[order], lengths[order]
        spans: list[tuple[int, int] | None] = [None] * len(requests)
        first = 0
        while first < len(requests):
            chunk = slice(first, first + max(1, EVIDENCE_CELLS // (int(lengths[first]) + 3)))
            starts, ends = self._evidence_sorted(
                windows, messages[chunk], columns[chunk], lengths[chunk]
            )
            for request, start, end in zip(
                order[chunk].tolist(), starts.tolist(), ends.tolist(), strict=True
            ):
                if end:
                    spans[request] = (start, end)
            first = chunk.stop
        return spans

    def _evidence_sorted(self, windows: Windows, messages, columns, lengths):
        """(start, end) arrays of evidence() spans, end 0 for none, for requests sorted by
        length, longest first.

        Each occurrence adds its share where it starts and takes it back where it ends
        (np.add.at applies repeated cells in order); the weight on each character is the
        running sum of that (cumsum is sequential). Kadane's running sum is the one step
        that depends on the one before: a Python step per position, for every request
        still inside its text at once. Where that sum is largest, first, is the span's
        end (evidence() keeps only a strictly larger sum), and its start is the last
        position the sum began again from nothing.
        """
        count, longest = len(lengths), int(lengths[0])
        if longest == 0:
            return np.zeros(count, dtype=np.int64), np.zeros(count, dtype=np.int64)
        width = longest + 3  # evidence()'s change list, for the longest text
        occurrences, of_request = windows.of(messages)
        starts, sizes = windows.starts[occurrences], windows.sizes[occurrences]
        shares = self.weights[windows.rows[occurrences], columns[of_request]] / sizes
        cells = np.empty(2 * len(shares), dtype=np.int64)
        cells[0::2] = of_request * width + starts
        cells[1::2] = of_request * width + starts + sizes
        changes = np.empty(2 * len(shares))
        changes[0::2] = shares
        changes[1::2] = -shares  # x - y is x + (-y) in IEEE arithmetic
        change = np.zeros(count * width)
        np.add.at(change, cells, changes)
        # Row p: every request's weight on character p of its padded text.
        per_char = np.ascontiguousarray(np.cumsum(change.reshape(count, width), axis=1).T)

        # running[p]: Kadane's sum after position p, restarted from 0 after a sum that is
        # not positive. (np.maximum may keep a -0.0 where evidence() writes 0.0: both add
        # and compare the same.)
        running = np.zeros((longest + 1, count))
        # How many requests' texts reach each position (lengths run from longest down).
        reaching = np.searchsorted(-lengths, -np.arange(longest + 1), side="right").tolist()
        for position in range(1, longest + 1):
            active = reaching[position]
            row = running[position, :active]
            np.maximum(running[position - 1, :active], 0.0, out=row)
            row += per_char[position, :active]

        positions = np.arange(longest + 1)[:, None]
        inside = (positions >= 1) & (positions <= lengths)  # the boundaries are not text
        candidates = np.where(inside, running, -np.inf)
        ends = np.argmax(candidates, axis=0)  # the first of the largest, as evidence() keeps
        found = candidates[ends, np.arange(count)] > 0
        # The sum restarts at p when the sum before it is not positive (always at 1).
        restarts = np.where(running[:-1] <= 0, positions[1:], 0)
        starts = np.maximum.accumulate(restarts, axis=0)[ends - 1, np.arange(count)] - 1
        return starts, np.where(found, ends, 0)
