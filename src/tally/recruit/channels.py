"""Recruitment channel mix over time against incentive changes, and foreign nationals.

The mix is by month of *death* (the store has no sign-up dates): a change in incentives
shows in deaths only after the time from signing to dying, so compare windows, not months.
Shares are among persons whose channel is known.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select

from tally.model import Channel
from tally.recruit.kinds import Kind
from tally.recruit.registry import date_key, list_indicators
from tally.stats import StatsFilter, by_month_channel
from tally.stats.filters import where
from tally.store.schema import persons

UNKNOWN = "unknown"
#: The federal sign-up payment rose from 195,000 to 400,000 RUB on 1 August 2024.
FEDERAL_INCREASE = date(2024, 8, 1)


@dataclass(frozen=True, slots=True)
class MonthMix:
    month: str
    counts: dict[str, int]
    known: int  # persons with a known channel
    volunteer_share: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Window:
    label: str
    first: str | None
    last: str | None
    volunteers: int
    known: int

    @property
    def share(self) -> float | None:
        return self.volunteers / self.known if self.known else None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "share": self.share}


@dataclass(frozen=True, slots=True)
class ChannelMix:
    change: str
    months: tuple[MonthMix, ...]
    before: Window
    after: Window
    incentives: tuple[dict[str, Any], ...]  # federal/regional-average payment events

    def to_dict(self) -> dict[str, Any]:
        return {
            "change": self.change, "months": [m.to_dict() for m in self.months],
            "before": self.before.to_dict(), "after": self.after.to_dict(),
            "incentives": list(self.incentives),
            "basis": "month of death; shares among persons with a known channel",
        }


def _window(label: str, months: list[MonthMix]) -> Window:
    return Window(
        label, months[0].month if months else None, months[-1].month if months else None,
        sum(m.counts.get(Channel.VOLUNTEER.value, 0) for m in months),
        sum(m.known for m in months),
    )


def channel_mix(
    conn: Connection, *, change: date = FEDERAL_INCREASE, window_months: int = 12,
    grade: str = "all",
) -> ChannelMix:
    """Monthly channel counts, and the volunteers' share in ``window_months`` before and
    after ``change`` (the month of the change counts as after)."""
    tab = by_month_channel(conn, StatsFilter(grade=grade))
    months: list[MonthMix] = []
    for key in tab.row_keys:
        if key == UNKNOWN:
            continue
        counts = {c: tab.cell(key, c) for c in tab.col_keys if tab.cell(key, c)}
        known = sum(n for c, n in counts.items() if c != UNKNOWN)
        vol = counts.get(Channel.VOLUNTEER.value, 0)
        months.append(MonthMix(key, counts, known, vol / known if known else None))
    pivot = f"{change.year:04d}-{change.month:02d}"
    y, m = change.year, change.month
    start_idx = (y * 12 + m - 1) - window_months
    start = f"{start_idx // 12:04d}-{start_idx % 12 + 1:02d}"
    end_idx = (y * 12 + m - 1) + window_months
    end = f"{end_idx // 12:04d}-{end_idx % 12 + 1:02d}"
    before = [x for x in months if start <= x.month < pivot]
    after = [x for x in months if pivot <= x.month < end]
    events = tuple(
        {"date": i.claim_date, "kind": i.kind, "value": i.central, "source_url": i.source_url}
        for i in sorted(
            (i for i in list_indicators(conn)
             if i.kind in (Kind.SIGNUP_BONUS_FEDERAL, Kind.SIGNUP_BONUS_REGIONAL_AVG)
             and i.claim_date),
            key=lambda i: date_key(i.claim_date),
        )
    )
    return ChannelMix(change.isoformat(), tuple(months),
                      _window(f"{window_months} months before", before),
                      _window(f"{window_months} months from", after), events)


@dataclass(frozen=True, slots=True)
class ForeignRow:
    country: str
    counts: dict[str, int]  # channel → persons

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict[str, Any]:
        return {"country": self.country, "counts": dict(self.counts), "total": self.total}


def foreign_nationals(conn: Connection, *, grade: str = "all") -> tuple[ForeignRow, ...]:
    """Persons whose citizenship is known and not Russian, by country and channel."""
    stmt = (
        select(persons.c.citizenship, persons.c.channel, func.count())
        .where(where(StatsFilter(grade=grade)), persons.c.citizenship.is_not(None),
               persons.c.citizenship != "RU")
        .group_by(persons.c.citizenship, persons.c.channel)
    )
    table: dict[str, dict[str, int]] = {}
    for country, channel, n in conn.execute(stmt):
        key = channel if channel else UNKNOWN
        row = table.setdefault(str(country), {})
        row[key] = row.get(key, 0) + int(n)
    rows = [ForeignRow(c, counts) for c, counts in table.items()]
    return tuple(sorted(rows, key=lambda r: (-r.total, r.country)))
