"""Capture tables: how many individuals were seen on each combination of lists.

A :class:`CaptureTable` over ``J`` lists holds the ``2**J - 1`` *observed* capture patterns
(every 0/1 combination except all-zeros) with their counts. The all-zeros cell, the
individuals on no list, is exactly what the estimators estimate, so a table never contains it.

Patterns are kept in a fixed canonical order: binary counting with the **first list as the
most significant bit**, skipping zero. For three lists ``A, B, C``::

    001 (C only), 010 (B only), 011 (B and C), 100 (A only), 101, 110, 111

This is the order used by CARE1's ``estN`` (``z001, z010, ...``). Patterns absent from the
input get count 0.

Ways to build one:

* :meth:`CaptureTable.from_counts` — a mapping ``{pattern: count}``;
* :func:`tally.estimate.io.read_capture_csv` — a CSV of 0/1 list columns, aggregated (with a
  ``count``/``freq`` column) or one row per individual;
* :meth:`CaptureTable.from_records` — ``(item_id, list_name)`` pairs, e.g. person → source
  histories from the store.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Pattern = tuple[int, ...]


class CaptureTableError(ValueError):
    """The input cannot be turned into a valid capture table."""


def all_patterns(n_lists: int) -> tuple[Pattern, ...]:
    """The ``2**n_lists - 1`` observable patterns in canonical order (first list = MSB)."""
    return tuple(p for p in itertools.product((0, 1), repeat=n_lists) if any(p))


@dataclass(frozen=True)
class CaptureTable:
    """Counts of individuals by capture pattern over named lists.

    Attributes:
        lists: list (source) names, in column order.
        counts: one count per pattern, aligned with :attr:`patterns`.
        stratum: optional label of the stratum the table describes (e.g. a region).
    """

    lists: tuple[str, ...]
    counts: tuple[int, ...]
    stratum: str | None = None

    def __post_init__(self) -> None:
        if len(self.lists) < 2:
            raise CaptureTableError(
                f"a capture table needs at least 2 lists, got {len(self.lists)}: {self.lists}"
            )
        if len(set(self.lists)) != len(self.lists):
            raise CaptureTableError(f"list names must be unique: {self.lists}")
        expected = 2 ** len(self.lists) - 1
        if len(self.counts) != expected:
            raise CaptureTableError(
                f"{len(self.lists)} lists need {expected} pattern counts, got {len(self.counts)}"
            )
        for pattern, count in zip(self.patterns, self.counts, strict=True):
            if count < 0:
                raise CaptureTableError(f"negative count {count} for pattern {_fmt(pattern)}")

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def from_counts(
        cls,
        lists: Sequence[str],
        counts: Mapping[Pattern, int],
        stratum: str | None = None,
    ) -> CaptureTable:
        """Build from ``{pattern: count}``; missing patterns count 0; repeats must be merged."""
        n_lists = len(lists)
        if n_lists < 2:
            raise CaptureTableError(f"a capture table needs at least 2 lists, got {n_lists}")
        for pattern, count in counts.items():
            if len(pattern) != n_lists or any(v not in (0, 1) for v in pattern):
                raise CaptureTableError(
                    f"pattern {pattern!r} is not a 0/1 tuple of length {n_lists}"
                )
            if not any(pattern) and count != 0:
                raise CaptureTableError(
                    f"the all-zero pattern has count {count}: individuals on no list cannot be "
                    "observed (that cell is what is estimated); remove the row"
                )
        return cls(
            lists=tuple(lists),
            counts=tuple(int(counts.get(p, 0)) for p in all_patterns(n_lists)),
            stratum=stratum,
        )

    @classmethod
    def from_records(
        cls,
        records: Iterable[tuple[Hashable, str]],
        lists: Sequence[str] | None = None,
        stratum: str | None = None,
    ) -> CaptureTable:
        """Build from ``(item_id, list_name)`` pairs (one per sighting; duplicates are fine).

        Each distinct ``item_id`` is one individual; its pattern is the set of lists it was
        seen on. ``lists`` fixes the column order (and may name lists nobody is on); by default
        lists appear sorted by name. Records naming a list outside ``lists`` are an error.
        """
        seen: dict[Hashable, set[str]] = defaultdict(set)
        for item_id, list_name in records:
            seen[item_id].add(list_name)
        names_found = set().union(*seen.values()) if seen else set()
        order = tuple(lists) if lists is not None else tuple(sorted(names_found))
        unknown = names_found - set(order)
        if unknown:
            raise CaptureTableError(f"records name lists not in {order}: {sorted(unknown)}")
        index = {name: i for i, name in enumerate(order)}
        tally: dict[Pattern, int] = defaultdict(int)
        for on_lists in seen.values():
            pattern = [0] * len(order)
            for name in on_lists:
                pattern[index[name]] = 1
            tally[tuple(pattern)] += 1
        return cls.from_counts(order, tally, stratum=stratum)

    # -- views --------------------------------------------------------------------------------

    @property
    def n_lists(self) -> int:
        """Number of lists ``J``."""
        return len(self.lists)

    @property
    def patterns(self) -> tuple[Pattern, ...]:
        """The ``2**J - 1`` observable patterns, aligned with :attr:`counts`."""
        return all_patterns(self.n_lists)

    @property
    def n(self) -> int:
        """Number of distinct individuals observed (on at least one list)."""
        return sum(self.counts)

    def count(self, pattern: Pattern) -> int:
        """Count for one pattern."""
        return self.counts[self.patterns.index(tuple(pattern))]

    def as_dict(self) -> dict[Pattern, int]:
        """``{pattern: count}`` for all observable patterns."""
        return dict(zip(self.patterns, self.counts, strict=True))

    def design(self) -> npt.NDArray[np.float64]:
        """Pattern matrix, shape ``(2**J - 1, J)``, rows aligned with :attr:`counts`."""
        return np.array(self.patterns, dtype=float)

    def y(self) -> npt.NDArray[np.float64]:
        """Counts as a float vector, aligned with :meth:`design`."""
        return np.array(self.counts, dtype=float)

    def list_sizes(self) -> dict[str, int]:
        """How many individuals each list holds."""
        return {
            name: sum(c for p, c in zip(self.patterns, self.counts, strict=True) if p[j])
            for j, name in enumerate(self.lists)
        }

    def captures_histogram(self) -> list[int]:
        """``f[k]`` = individuals seen on exactly ``k`` lists, for ``k = 0..J`` (``f[0] = 0``)."""
        f = [0] * (self.n_lists + 1)
        for pattern, count in zip(self.patterns, self.counts, strict=True):
            f[sum(pattern)] += count
        return f

    def select(self, lists: Sequence[str]) -> CaptureTable:
        """Marginal table over a subset of the lists (people on none of them drop out)."""
        missing = [name for name in lists if name not in self.lists]
        if missing:
            raise CaptureTableError(f"unknown lists {missing}; table has {self.lists}")
        idx = [self.lists.index(name) for name in lists]
        tally: dict[Pattern, int] = defaultdict(int)
        for pattern, count in zip(self.patterns, self.counts, strict=True):
            sub = tuple(pattern[i] for i in idx)
            if any(sub):
                tally[sub] += count
        return CaptureTable.from_counts(tuple(lists), tally, stratum=self.stratum)

    def __str__(self) -> str:
        rows = [f"{_fmt(p)} {c}" for p, c in zip(self.patterns, self.counts, strict=True)]
        head = " ".join(self.lists) + (f" (stratum {self.stratum})" if self.stratum else "")
        return head + "\n" + "\n".join(rows) + f"\nn = {self.n}"


def _fmt(pattern: Pattern) -> str:
    return "".join(str(v) for v in pattern)
