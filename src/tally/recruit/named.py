"""The named count against published estimates over time.

Tally's count is cumulative by month of death (persons with a month known); published
figures are the registry's ``named_count`` and ``death_estimate`` indicators, each with its
range and source, conflicts kept. The share ``named / estimate`` is given where both exist;
a list's count by date of death lags the count published on that date (reporting delay).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection

from tally.recruit.kinds import Kind
from tally.recruit.registry import date_key, list_indicators
from tally.stats import StatsFilter, by_death_date


@dataclass(frozen=True, slots=True)
class EstimatePoint:
    date: str
    kind: str
    low: float | None
    central: float | None
    high: float | None
    citation: str | None
    source_url: str | None
    conflict: bool
    named_by_then: int | None  # Tally's cumulative count to the end of that month
    named_share: float | None  # named_by_then / central

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class NamedVsEstimates:
    cumulative: tuple[tuple[str, int], ...]  # (YYYY-MM, persons who died by then)
    undated: int
    estimates: tuple[EstimatePoint, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "cumulative": [{"month": m, "count": n} for m, n in self.cumulative],
            "undated": self.undated, "estimates": [e.to_dict() for e in self.estimates],
        }


def named_vs_estimates(conn: Connection, *, grade: str = "all") -> NamedVsEstimates:
    tally = by_death_date(conn, StatsFilter(grade=grade), period="month")
    running, cumulative = 0, []
    for row in tally.rows:
        running += row.count
        cumulative.append((row.key, running))
    points: list[EstimatePoint] = []
    for item in list_indicators(conn):
        if item.kind not in (Kind.NAMED_COUNT, Kind.DEATH_ESTIMATE) or not item.claim_date:
            continue
        month = item.claim_date[:7]
        named = _by(cumulative, month) if cumulative and len(item.claim_date) >= 7 else None
        central = item.central
        points.append(EstimatePoint(
            item.claim_date, item.kind, item.low, item.value, item.high, item.citation,
            item.source_url, item.conflict, named,
            named / central if named is not None and central else None,
        ))
    points.sort(key=lambda p: (date_key(p.date), p.kind))
    return NamedVsEstimates(tuple(cumulative), tally.unknown, tuple(points))


def _by(cumulative: list[tuple[str, int]], month: str) -> int:
    total = 0
    for key, n in cumulative:
        if key > month:
            break
        total = n
    return total
