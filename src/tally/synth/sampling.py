"""Weighted choice with precomputed cumulative weights (fast for millions of draws)."""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        if len(items) != len(weights) or not items:
            raise ValueError("items and weights must be non-empty and of equal length")
        self.items = tuple(items)
        total, cum = 0.0, []
        for w in weights:
            total += w
            cum.append(total)
        self._cum = cum
        self._total = total

    def pick(self, rng: random.Random) -> T:
        index = bisect.bisect_right(self._cum, rng.random() * self._total)
        return self.items[min(index, len(self.items) - 1)]


def zipf(items: Sequence[T], exponent: float = 0.9) -> Weighted[T]:
    """Items in frequency order, weighted 1 / (rank + 1) ** exponent."""
    return Weighted(items, [1.0 / (i + 1) ** exponent for i in range(len(items))])
