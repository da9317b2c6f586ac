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


def screen_many(texts: Iterable[str]) -> Iterator[Screening]:
    screen_one = get_screener().screen
    for text in texts:
        yield screen_one(text)
