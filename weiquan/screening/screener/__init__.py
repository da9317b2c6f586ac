"""Message screener: labels harassment in marketplace messages (issue 6 §1).

Plain Python, no Django. ``screen(text)`` uses one screener built on first use from the data
files in ``weiquan/screening/data``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from .engine import Screener, Screening
from .lexicon import LABELS

__all__ = ["LABELS", "Screener", "Screening", "get_screener", "screen", "screen_many"]


@cache
def get_screener() -> Screener:
    return Screener()


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
