"""Result types: small frozen dataclasses that say what they count and as of when."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


def _iso(ts: datetime | None) -> str | None:
    return ts.isoformat(timespec="seconds") if ts else None


@dataclass(frozen=True)
class CountRow:
    key: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "count": self.count}


@dataclass(frozen=True)
class Tally:
    """A one-way table of person counts.

    ``unknown`` counts persons without a value for the dimension (they are not in ``rows``);
    ``total`` = sum of rows + unknown. ``notes`` holds dimension-specific extra counts (e.g.
    how many death dates are known only to the year).
    """

    dimension: str
    counts: str
    as_of: datetime | None
    filter: dict[str, Any]
    rows: tuple[CountRow, ...]
    unknown: int
    notes: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rows) + self.unknown

    def as_mapping(self) -> dict[str, int]:
        return {r.key: r.count for r in self.rows}

    def to_dict(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension, "counts": self.counts, "as_of": _iso(self.as_of),
            "filter": self.filter, "rows": [r.to_dict() for r in self.rows],
            "unknown": self.unknown, "total": self.total, "notes": dict(self.notes),
        }


@dataclass(frozen=True)
class RateRow:
    """A count with its rate per ``per`` people and a 95% interval; None without denominator."""

    key: str
    count: int
    denominator: int | None
    rate: float | None
    low: float | None
    high: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "count": self.count, "denominator": self.denominator,
            "rate": self.rate, "low": self.low, "high": self.high,
        }


@dataclass(frozen=True)
class RateTable:
    dimension: str
    counts: str
    as_of: datetime | None
    filter: dict[str, Any]
    rows: tuple[RateRow, ...]
    unknown: int
    per: int
    denominator: str
    interval: str

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rows) + self.unknown

    def to_dict(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension, "counts": self.counts, "as_of": _iso(self.as_of),
            "filter": self.filter, "rows": [r.to_dict() for r in self.rows],
            "unknown": self.unknown, "total": self.total, "per": self.per,
            "denominator": self.denominator, "interval": self.interval,
        }


@dataclass(frozen=True)
class CrossTab:
    """Counts by two dimensions; ``cells[row][col]``. Persons missing either value are in the
    ``unknown`` key of that dimension (so the grand total equals the one-way total)."""

    rows_dimension: str
    cols_dimension: str
    counts: str
    as_of: datetime | None
    filter: dict[str, Any]
    row_keys: tuple[str, ...]
    col_keys: tuple[str, ...]
    cells: dict[str, dict[str, int]]

    def cell(self, row: str, col: str) -> int:
        return self.cells.get(row, {}).get(col, 0)

    @property
    def total(self) -> int:
        return sum(sum(c.values()) for c in self.cells.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows_dimension": self.rows_dimension, "cols_dimension": self.cols_dimension,
            "counts": self.counts, "as_of": _iso(self.as_of), "filter": self.filter,
            "row_keys": list(self.row_keys), "col_keys": list(self.col_keys),
            "cells": {r: dict(c) for r, c in self.cells.items()}, "total": self.total,
        }


@dataclass(frozen=True)
class Headline:
    """Persons by grade (not merged), and as of when."""

    as_of: datetime | None
    by_grade: dict[str, int]

    @property
    def confirmed(self) -> int:
        return self.by_grade.get("confirmed", 0)

    @property
    def reported(self) -> int:
        return self.by_grade.get("reported", 0)

    @property
    def total(self) -> int:
        return sum(self.by_grade.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": _iso(self.as_of), "by_grade": dict(self.by_grade),
            "confirmed": self.confirmed, "reported": self.reported, "total": self.total,
            "counts": "persons by grade (one per person, merged duplicates excluded)",
        }
