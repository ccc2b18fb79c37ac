"""Persons by date of death: per day, ISO week (Monday) or month.

Dates are partial. A death date known only to the year cannot be put in a month, and one
known only to the month cannot be put in a day or week: such persons are not spread over
periods (a day is never invented) but counted in ``notes`` and in ``unknown``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Connection, func, select

from tally.stats.filters import StatsFilter, unindexed, where
from tally.stats.freshness import as_of
from tally.stats.results import CountRow, Tally
from tally.store.schema import persons

Period = Literal["day", "week", "month"]
PERIODS: tuple[str, ...] = ("day", "week", "month")


def period_key(text: str, period: str) -> str | None:
    """The period a partial date falls in, or None when it is not precise enough."""
    if period == "month":
        return text[:7] if len(text) >= 7 else None
    if len(text) < 10:
        return None
    if period == "day":
        return text[:10]
    day = date.fromisoformat(text[:10])
    return (day - timedelta(days=day.weekday())).isoformat()


def by_death_date(
    conn: Connection, flt: StatsFilter | None = None, period: str = "month"
) -> Tally:
    """Counts per period in date order; notes: ``no_date``, ``year_only``, ``month_only``."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}; got {period!r}")
    flt = flt or StatsFilter()
    day = unindexed(persons.c.death_date)
    stmt = select(day, func.count()).where(where(flt)).group_by(day)
    return death_date_tally(conn.execute(stmt).all(), flt, as_of(conn), period)


def death_date_tally(rows: Iterable[Any], flt: StatsFilter, stamp: datetime | None,
                     period: str = "month") -> Tally:
    """The tally from (death date text or None, count) rows."""
    buckets: Counter[str] = Counter()
    notes = {"no_date": 0, "year_only": 0, "month_only": 0}
    total = 0
    for text, n in rows:
        total += int(n)
        if not text:
            notes["no_date"] += int(n)
            continue
        if len(text) == 4:
            notes["year_only"] += int(n)
        elif len(text) == 7:
            notes["month_only"] += int(n)
        key = period_key(str(text), period)
        if key is not None:
            buckets[key] += int(n)
    ordered = tuple(CountRow(k, buckets[k]) for k in sorted(buckets))
    unknown = total - sum(buckets.values())
    return Tally(f"death_{period}", flt.describe(), stamp, flt.to_dict(), ordered,
                 unknown, notes)
