"""Message screener: labels harassment in marketplace messages (issue 6 §1).

Plain Python, no Django. ``screen(text)`` uses one screener built on first use from the data
files in ``weiquan/screening/data``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator

from .engine import Screener, Screening
from .lexicon import LABELS

__all__ = [
    "LABELS",
    "Screener",
    "Screening",
    "get_screener",
    "screen",
    "screen_many",
    "warm_up_in_background",
]


_built: list[Screener] = []
_building = threading.Lock()


def get_screener() -> Screener:
    """The process's screener, built once (3-6 s: the automaton and the n-gram model)."""
    if not _built:
        with _building:  # a request arriving while the start-up warm-up builds it waits
            if not _built:
                _built.append(Screener())
    return _built[0]


def warm_up_in_background() -> threading.Thread:
    """Build the screener in a daemon thread, so the web process's first message does not wait."""
    thread = threading.Thread(target=get_screener, name="screener-warm-up", daemon=True)
    thread.start()
    return thread


def screen(text: str) -> Screening:
    return get_screener().screen(text)


def screen_many(texts: Iterable[str], batch_size: int = 512) -> Iterator[Screening]:
    """Screen messages in order, in batches (the model reads a batch in one pass)."""
    screen_batch = get_screener().screen_batch
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) == batch_size:
            yield from screen_batch(batch)
            batch = []
    if batch:
        yield from screen_batch(batch)
