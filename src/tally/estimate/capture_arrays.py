"""Turn a capture table into the numpy arrays the Bayesian samplers work on.

The samplers in :mod:`tally.estimate.dga` and :mod:`tally.estimate.lcmcr` only need the list
names, the observed capture patterns (one row per pattern, 0/1 per list) and their counts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tally.estimate.table import CaptureTable

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class PatternCounts:
    """Observed capture patterns: ``patterns[i, j] == 1`` when pattern ``i`` is on list ``j``."""

    names: tuple[str, ...]
    patterns: IntArray
    counts: IntArray

    def __post_init__(self) -> None:
        if self.patterns.ndim != 2 or self.patterns.shape[0] != self.counts.shape[0]:
            raise ValueError("patterns must be (n_patterns, n_lists) with one count per pattern")
        if self.patterns.shape[1] != len(self.names):
            raise ValueError("one name per list (column of patterns) is required")
        if np.any(self.counts < 0):
            raise ValueError("counts must be non-negative")
        if np.any(self.patterns.sum(axis=1) == 0) and np.any(
            self.counts[self.patterns.sum(axis=1) == 0] > 0
        ):
            raise ValueError("the all-zero pattern (seen on no list) cannot have a count")

    @property
    def n_lists(self) -> int:
        return len(self.names)

    @property
    def n_observed(self) -> int:
        return int(self.counts.sum())

    def full_array(self) -> IntArray:
        """Counts as a ``(2,) * J`` array; the unobserved cell ``[0, ..., 0]`` is zero."""
        full = np.zeros((2,) * self.n_lists, dtype=np.int64)
        for row, count in zip(self.patterns, self.counts, strict=True):
            full[tuple(int(v) for v in row)] += int(count)
        full[(0,) * self.n_lists] = 0
        return full

    def lists_with_records(self) -> int:
        """How many lists hold at least one record."""
        return int(np.count_nonzero((self.patterns * self.counts[:, None]).sum(axis=0)))


def from_rows(
    names: list[str] | tuple[str, ...], rows: list[tuple[tuple[int, ...], int]]
) -> PatternCounts:
    """Build from ``[(pattern, count), ...]``; duplicate patterns are summed."""
    merged: dict[tuple[int, ...], int] = {}
    for pattern, count in rows:
        key = tuple(int(bool(v)) for v in pattern)
        merged[key] = merged.get(key, 0) + int(count)
    keys = sorted(merged)
    patterns = np.array(keys, dtype=np.int64).reshape(len(keys), len(names))
    counts = np.array([merged[k] for k in keys], dtype=np.int64)
    return PatternCounts(tuple(names), patterns, counts)


def pattern_counts(table: CaptureTable | PatternCounts) -> PatternCounts:
    """Accept a :class:`~tally.estimate.table.CaptureTable` (or already converted counts)."""
    if isinstance(table, PatternCounts):
        return table
    rows = [(tuple(p), int(c)) for p, c in zip(table.patterns, table.counts, strict=True)]
    return from_rows(table.lists, rows)
